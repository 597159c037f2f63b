package dev.pgapi.runtime.schema;

import java.util.List;

/**
 * A relationship from one exposed relation to another of the same schema, found by the generator from foreign keys
 * (also through views, mapped to their base tables' keys) or declared by a function (PostgREST's computed
 * relationships). Embedding ({@code select=*,target(*)}) follows it. Generated descriptors spell it out like the
 * foreign key or the function it comes from:
 * <pre>{@code
 * RelationshipInfo.manyToOne("projects_client_id_fkey").from("client_id").to("api", "clients", "id")
 * RelationshipInfo.oneToMany("projects_client_id_fkey").from("id").toView("api", "project_list", "client_id")
 * RelationshipInfo.manyToMany(RelationshipInfo.Junction.table("api", "enrollments")
 *                 .source("enrollments_student_id_fkey", "student_id")
 *                 .target("enrollments_course_code_fkey", "course_code"))
 *         .from("id").to("api", "courses", "code")
 * RelationshipInfo.computed("api", "premieres").toMany("api", "films")
 * }</pre>
 *
 * @param constraint     the foreign key's name (M2M: unused, see {@code junction})
 * @param cardinality    how many target rows one row of the origin has
 * @param targetSchema   schema of the target
 * @param target         the target relation
 * @param targetIsView   the target is a view (PostgREST then ignores constraint and column names as targets)
 * @param columns        columns of the origin; for M2M those the junction references
 * @param targetColumns  columns of the target, {@code columns.get(i)} pairs with {@code targetColumns.get(i)}; for
 *                       M2M those the junction references
 * @param junction       M2M only: the table joining both sides, else null
 * @param computed       a computed relationship only: the function that returns the target's rows for an origin row
 *                       (then {@code constraint} is its name and there are no columns), else null
 */
public record RelationshipInfo(
        String constraint,
        Cardinality cardinality,
        String targetSchema,
        String target,
        boolean targetIsView,
        List<String> columns,
        List<String> targetColumns,
        Junction junction,
        Computed computed) {

    public RelationshipInfo {
        columns = List.copyOf(columns);
        targetColumns = List.copyOf(targetColumns);
    }

    /** A relationship through foreign keys. */
    public RelationshipInfo(
            String constraint,
            Cardinality cardinality,
            String targetSchema,
            String target,
            boolean targetIsView,
            List<String> columns,
            List<String> targetColumns,
            Junction junction) {
        this(constraint, cardinality, targetSchema, target, targetIsView, columns, targetColumns, junction, null);
    }

    /**
     * PostgREST's computed relationship: {@code schema.function(origin_row)} returns the target's rows, and an embed
     * names the function ({@code select=*,function(*)}). It replaces the foreign key relationships to a target of the
     * function's name and schema.
     */
    public static Computed computed(String schema, String function) {
        return new Computed(schema, function);
    }

    /** The function of a computed relationship; its target follows: {@link #toMany} or {@link #toOne}. */
    public record Computed(String schema, String function) {

        /** The function returns {@code SETOF} the target's rows. */
        public RelationshipInfo toMany(String schema, String relation) {
            return computed(Cardinality.ONE_TO_MANY, schema, relation);
        }

        /** The function returns one row of the target (or is {@code SETOF ... ROWS 1}). */
        public RelationshipInfo toOne(String schema, String relation) {
            return computed(Cardinality.MANY_TO_ONE, schema, relation);
        }

        private RelationshipInfo computed(Cardinality cardinality, String schema, String relation) {
            return new RelationshipInfo(
                    function, cardinality, schema, relation, false, List.of(), List.of(), null, this);
        }
    }

    /** Each row of the origin has at most one target row, through foreign key {@code constraint}. */
    public static Start manyToOne(String constraint) {
        return new Start(constraint, Cardinality.MANY_TO_ONE, null);
    }

    /** Each row of the origin has any number of target rows, through foreign key {@code constraint}. */
    public static Start oneToMany(String constraint) {
        return new Start(constraint, Cardinality.ONE_TO_MANY, null);
    }

    /** Each row of the origin has at most one target row and vice versa, through foreign key {@code constraint}. */
    public static Start oneToOne(String constraint) {
        return new Start(constraint, Cardinality.ONE_TO_ONE, null);
    }

    /** Rows of the origin and the target are paired by the rows of {@code junction}. */
    public static Start manyToMany(Junction junction) {
        return new Start(junction.sourceConstraint(), Cardinality.MANY_TO_MANY, junction);
    }

    /** A relationship whose origin columns are still to be named: {@link #from}. */
    public record Start(String constraint, Cardinality cardinality, Junction junction) {

        /** The origin's columns. */
        public From from(String... columns) {
            return new From(this, List.of(columns));
        }
    }

    /** A relationship whose target is still to be named: {@link #to} or {@link #toView}. */
    public record From(Start start, List<String> columns) {

        public From {
            columns = List.copyOf(columns);
        }

        /** Ends at the relation (not a view) {@code schema.relation}, {@code columns} pairing by position. */
        public RelationshipInfo to(String schema, String relation, String... columns) {
            return new RelationshipInfo(
                    start.constraint,
                    start.cardinality,
                    schema,
                    relation,
                    false,
                    this.columns,
                    List.of(columns),
                    start.junction,
                    null);
        }

        /** Ends at the view {@code schema.view}, {@code columns} pairing by position. */
        public RelationshipInfo toView(String schema, String view, String... columns) {
            return new RelationshipInfo(
                    start.constraint,
                    start.cardinality,
                    schema,
                    view,
                    true,
                    this.columns,
                    List.of(columns),
                    start.junction,
                    null);
        }
    }

    /** PostgREST's cardinalities; their JSON names appear in PGRST201 details. */
    public enum Cardinality {
        MANY_TO_ONE("many-to-one"),
        ONE_TO_MANY("one-to-many"),
        ONE_TO_ONE("one-to-one"),
        MANY_TO_MANY("many-to-many");

        private final String label;

        Cardinality(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The junction of a many-to-many relationship: {@code sourceColumns} reference the origin's {@code columns},
     * {@code targetColumns} the target's.
     */
    public record Junction(
            String schema,
            String name,
            String sourceConstraint,
            List<String> sourceColumns,
            String targetConstraint,
            List<String> targetColumns) {
        public Junction {
            sourceColumns = List.copyOf(sourceColumns);
            targetColumns = List.copyOf(targetColumns);
        }

        /** The junction table {@code schema.name}; its foreign keys follow: {@link #source}, {@link #target}. */
        public static Junction table(String schema, String name) {
            return new Junction(schema, name, null, List.of(), null, List.of());
        }

        /** The same junction with its foreign key {@code constraint} to the origin, on {@code columns}. */
        public Junction source(String constraint, String... columns) {
            return new Junction(schema, name, constraint, List.of(columns), targetConstraint, targetColumns);
        }

        /** The same junction with its foreign key {@code constraint} to the target, on {@code columns}. */
        public Junction target(String constraint, String... columns) {
            return new Junction(schema, name, sourceConstraint, sourceColumns, constraint, List.of(columns));
        }
    }

    /** Embeds as a single object (or null) rather than an array. */
    public boolean toOne() {
        return cardinality == Cardinality.MANY_TO_ONE || cardinality == Cardinality.ONE_TO_ONE;
    }
}
