package dev.pgapi.generator.model;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.Column;
import dev.pgapi.generator.catalog.ForeignKey;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.catalog.RelationKind;
import dev.pgapi.generator.catalog.RelationRef;
import dev.pgapi.generator.catalog.Schema;
import dev.pgapi.generator.catalog.TypeRef;
import dev.pgapi.generator.catalog.UniqueKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the relationships PostgREST offers for embedding, from the catalog's foreign keys, at build time:
 * <ul>
 *   <li>a foreign key from A to B gives A a many-to-one and B a one-to-many relationship, or one-to-one on both
 *       sides when A's key columns are its primary key or a unique key;</li>
 *   <li>views take part through their base tables: a view whose columns pass the key columns through stands for
 *       the table on either side (PostgREST's view relationships);</li>
 *   <li>a table with foreign keys to two relations whose key columns all belong to its primary key (or one unique
 *       key) is a junction: both sides get a many-to-many relationship through it;</li>
 *   <li>only relationships between relations of the same exposed schema are kept (PostgREST looks the target up in
 *       the request's schema), and a junction must live in that schema too;</li>
 *   <li>a function of an exposed schema with one argument, a row of a relation of that schema, that returns rows of
 *       an exposed relation is a computed relationship named by the function: to-one when it returns one row or is
 *       declared {@code ROWS 1}, else to-many. It replaces the foreign key relationships to a target of the
 *       function's schema and name (PostgREST's override).</li>
 * </ul>
 */
public final class Relationships {

    private Relationships() {}

    /** For each exposed relation, its relationships ordered by target, direct ones before M2M, then key name. */
    public static Map<RelationRef, List<Relationship>> of(Catalog catalog, List<String> exposedSchemas) {
        var relations = new LinkedHashMap<RelationRef, Relation>();
        for (Schema schema : catalog.schemas()) {
            for (Relation r : schema.relations()) {
                relations.put(new RelationRef(schema.name(), r.name()), r);
            }
        }
        var found = new ArrayList<Relationship>();
        for (Map.Entry<RelationRef, Relation> e : relations.entrySet()) {
            for (ForeignKey fk : e.getValue().foreignKeys()) {
                RelationRef referenced = new RelationRef(fk.referencedSchema(), fk.referencedRelation());
                boolean oneToOne = unique(e.getValue(), fk.columns());
                for (Alias o : aliases(relations, e.getKey(), fk.columns())) {
                    for (Alias t : aliases(relations, referenced, fk.referencedColumns())) {
                        found.add(new Relationship(
                                fk.name(),
                                oneToOne ? Relationship.Cardinality.ONE_TO_ONE : Relationship.Cardinality.MANY_TO_ONE,
                                o.ref,
                                t.ref,
                                t.view,
                                o.columns,
                                t.columns,
                                null));
                        found.add(new Relationship(
                                fk.name(),
                                oneToOne ? Relationship.Cardinality.ONE_TO_ONE : Relationship.Cardinality.ONE_TO_MANY,
                                t.ref,
                                o.ref,
                                o.view,
                                t.columns,
                                o.columns,
                                null));
                    }
                }
            }
            found.addAll(manyToMany(relations, e.getKey(), e.getValue()));
        }
        var exposed = Set.copyOf(exposedSchemas);
        List<Relationship> computed = computed(catalog, relations, exposed);
        var overridden = new HashSet<List<RelationRef>>();
        computed.forEach(c -> overridden.add(List.of(c.origin(), c.function())));
        var result = new LinkedHashMap<RelationRef, List<Relationship>>();
        var seen = new HashSet<Relationship>();
        for (Relationship r : found) {
            boolean sameSchema = r.origin().schema().equals(r.target().schema())
                    && (r.junction() == null
                            || r.junction().table().schema().equals(r.origin().schema()));
            if (sameSchema
                    && exposed.contains(r.origin().schema())
                    && !overridden.contains(List.of(r.origin(), r.target()))
                    && seen.add(r)) {
                result.computeIfAbsent(r.origin(), k -> new ArrayList<>()).add(r);
            }
        }
        for (Relationship c : computed) {
            result.computeIfAbsent(c.origin(), k -> new ArrayList<>()).add(c);
        }
        result.values()
                .forEach(list -> list.sort(
                        Comparator.comparing((Relationship r) -> r.target().name())
                                .thenComparing(r -> r.cardinality() == Relationship.Cardinality.MANY_TO_MANY)
                                .thenComparing(r -> r.junction() == null
                                        ? r.constraint()
                                        : r.junction().table().name())
                                .thenComparing(r -> r.cardinality().ordinal())));
        return result;
    }

    /** PostgREST's computed relationships (see the class comment), from the functions of the exposed schemas. */
    private static List<Relationship> computed(
            Catalog catalog, Map<RelationRef, Relation> relations, Set<String> exposed) {
        var out = new ArrayList<Relationship>();
        for (Schema schema : catalog.schemas()) {
            if (!exposed.contains(schema.name())) {
                continue;
            }
            for (Function f : schema.functions()) {
                if (f.arguments().size() != 1 || f.inputs().size() != 1 || f.returnRelation() == null) {
                    continue;
                }
                TypeRef arg = f.inputs().getFirst().type();
                var origin = new RelationRef(arg.schema(), arg.name());
                if (arg.arrayDepth() == 0
                        && origin.schema().equals(schema.name())
                        && relations.containsKey(origin)
                        && exposed.contains(f.returnRelation().schema())
                        && relations.containsKey(f.returnRelation())) {
                    out.add(Relationship.computed(
                            new RelationRef(schema.name(), f.name()),
                            origin,
                            f.returnRelation(),
                            !f.returnsSet() || f.oneRow()));
                }
            }
        }
        return out;
    }

    /** One side of a key as some relation exposes it: the table itself or a view passing the columns through. */
    private record Alias(RelationRef ref, List<String> columns, boolean view) {}

    private static List<Alias> aliases(Map<RelationRef, Relation> relations, RelationRef table, List<String> columns) {
        var out = new ArrayList<Alias>();
        if (relations.containsKey(table)) {
            out.add(new Alias(table, columns, false));
        }
        for (Map.Entry<RelationRef, Relation> e : relations.entrySet()) {
            Relation r = e.getValue();
            if (r.kind() != RelationKind.VIEW && r.kind() != RelationKind.MATERIALIZED_VIEW) {
                continue;
            }
            var mapped = new ArrayList<String>();
            for (String column : columns) {
                r.columns().stream()
                        .filter(c -> c.source() != null
                                && c.source().schema().equals(table.schema())
                                && c.source().relation().equals(table.name())
                                && c.source().column().equals(column))
                        .map(Column::name)
                        .findFirst()
                        .ifPresent(mapped::add);
            }
            if (mapped.size() == columns.size()) {
                out.add(new Alias(e.getKey(), mapped, true));
            }
        }
        return out;
    }

    /** Whether {@code columns} are, as a set, the primary key or a unique key of {@code r}. */
    private static boolean unique(Relation r, List<String> columns) {
        Set<String> set = Set.copyOf(columns);
        if (!r.primaryKey().isEmpty() && Set.copyOf(r.primaryKey()).equals(set)) {
            return true;
        }
        return r.uniqueKeys().stream()
                .map(UniqueKey::columns)
                .anyMatch(k -> Set.copyOf(k).equals(set));
    }

    /** Whether all of {@code columns} belong to the primary key or to one unique key of {@code r}. */
    private static boolean withinKey(Relation r, Set<String> columns) {
        if (r.primaryKey().containsAll(columns)) {
            return true;
        }
        return r.uniqueKeys().stream().anyMatch(k -> k.columns().containsAll(columns));
    }

    private static List<Relationship> manyToMany(
            Map<RelationRef, Relation> relations, RelationRef junctionRef, Relation junction) {
        var out = new ArrayList<Relationship>();
        for (ForeignKey fk1 : junction.foreignKeys()) {
            for (ForeignKey fk2 : junction.foreignKeys()) {
                if (fk1.name().equals(fk2.name())) {
                    continue;
                }
                var keyColumns = new HashSet<String>(fk1.columns());
                keyColumns.addAll(fk2.columns());
                if (!withinKey(junction, keyColumns)) {
                    continue;
                }
                var side1 = new RelationRef(fk1.referencedSchema(), fk1.referencedRelation());
                var side2 = new RelationRef(fk2.referencedSchema(), fk2.referencedRelation());
                for (Alias a : aliases(relations, side1, fk1.referencedColumns())) {
                    for (Alias b : aliases(relations, side2, fk2.referencedColumns())) {
                        out.add(new Relationship(
                                fk1.name(),
                                Relationship.Cardinality.MANY_TO_MANY,
                                a.ref,
                                b.ref,
                                b.view,
                                a.columns,
                                b.columns,
                                new Relationship.Junction(
                                        junctionRef, fk1.name(), fk1.columns(), fk2.name(), fk2.columns())));
                    }
                }
            }
        }
        return out;
    }
}
