package dev.pgapi.runtime.query.plan;

import dev.pgapi.runtime.schema.ColumnInfo;
import dev.pgapi.runtime.schema.RelationInfo;
import java.util.List;

/** A write, resolved: the relation, its columns, its filters and the representation the response needs. */
public sealed interface WritePlan {

    RelationInfo relation();

    Output output();

    /** {@code POST} (insert, upsert) and {@code PUT}, as {@code mode} says. */
    record Insert(RelationInfo relation, Rows rows, InsertMode mode, Output output) implements WritePlan {}

    /**
     * {@code PATCH}.
     *
     * @param set        columns taken from the body
     * @param toDefault  columns set to their default ({@code missing=default} with {@code ?columns=})
     * @param json       the body as a JSON array
     * @param where      the filters
     */
    record Update(
            RelationInfo relation,
            List<ColumnInfo> set,
            List<ColumnInfo> toDefault,
            String json,
            List<ConditionPlan> where,
            Output output)
            implements WritePlan {
        public Update {
            set = List.copyOf(set);
            toDefault = List.copyOf(toDefault);
            where = List.copyOf(where);
        }
    }

    /** {@code DELETE}. */
    record Delete(RelationInfo relation, List<ConditionPlan> where, Output output) implements WritePlan {
        public Delete {
            where = List.copyOf(where);
        }
    }

    /** What {@code return=} asks for. */
    enum Returning {
        MINIMAL,
        HEADERS_ONLY,
        REPRESENTATION
    }

    /**
     * What the response needs from the written rows.
     *
     * @param returning       the {@code return=} preference
     * @param representation  the written rows read like the relation (select list and order), for
     *                        {@link Returning#REPRESENTATION}; else null
     * @param shape           how the representation is rendered (the negotiated media type)
     * @param returned        the columns {@code RETURNING} gives: those the representation needs, the primary key for
     *                        {@link Returning#HEADERS_ONLY}, none for {@link Returning#MINIMAL}
     * @param handler         the media type handler rendering it for {@link Shape#HANDLER}, else null
     */
    record Output(
            Returning returning,
            LevelPlan representation,
            Shape shape,
            List<ColumnInfo> returned,
            HandlerPlan handler) {
        public Output {
            returned = List.copyOf(returned);
        }
    }

    /**
     * The rows of an insert.
     *
     * @param columns   the columns inserted (the rest take their defaults)
     * @param json      the rows as a JSON array
     * @param defaults  {@code missing=default}: a row lacking a key of {@code columns} takes the column's default
     *                  (PostgREST merges every default into every row, so sequences advance once per row)
     */
    record Rows(List<ColumnInfo> columns, String json, boolean defaults) {
        public Rows {
            columns = List.copyOf(columns);
        }
    }

    /** How an insert treats a row whose key exists already. */
    sealed interface InsertMode {

        /** A plain {@code INSERT}: a conflict is the database's error. */
        record Plain() implements InsertMode {}

        /** {@code ON CONFLICT (target) DO UPDATE SET c = EXCLUDED.c} for the inserted columns. */
        record Merge(List<ColumnInfo> target) implements InsertMode {}

        /** {@code ON CONFLICT (target) DO NOTHING}. */
        record Ignore(List<ColumnInfo> target) implements InsertMode {}

        /**
         * PUT: merges on the primary key; rows with another key than the URL's are not written and counted.
         *
         * @param primaryKey  the conflict target, in the key's order
         * @param key         the URL's {@code pk=eq.value} filters
         */
        record Put(List<ColumnInfo> primaryKey, List<KeyValue> key) implements InsertMode {}

        /** The {@code ON CONFLICT} target, or null for a plain insert. */
        default List<ColumnInfo> target() {
            return switch (this) {
                case Plain p -> null;
                case Merge m -> m.target();
                case Ignore i -> i.target();
                case Put p -> p.primaryKey();
            };
        }

        /** A conflicting row is updated (and counted as existing). */
        default boolean merges() {
            return this instanceof Merge || this instanceof Put;
        }
    }

    /** The PUT URL's primary key: column and its value from {@code pk=eq.value}. */
    record KeyValue(ColumnInfo column, String value) {}
}
