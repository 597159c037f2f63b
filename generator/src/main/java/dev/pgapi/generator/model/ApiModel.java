package dev.pgapi.generator.model;

import dev.pgapi.generator.GeneratorConfig;
import dev.pgapi.generator.catalog.Argument;
import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.CatalogException;
import dev.pgapi.generator.catalog.DomainCast;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.catalog.RelationRef;
import dev.pgapi.generator.catalog.Schema;
import dev.pgapi.generator.catalog.TypeCategory;
import dev.pgapi.generator.catalog.TypeRef;
import dev.pgapi.generator.naming.JavaNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API the generator emits: one resource per exposed relation and one per function name, each with a unique
 * Java class name inside its schema's package. A pure function of the catalog and the configuration.
 *
 * @param relations  relation resources, by schema (in {@code schemas} order) then name
 * @param functions  function resources, same order
 */
public record ApiModel(List<RelationResource> relations, List<FunctionResource> functions) {

    /**
     * A relation served at {@code /<name>}, with the relationships it can embed through, its computed fields
     * (functions of its schema taking one argument of its row type and returning a scalar), the domain casts of its
     * columns' types (PostgREST's domain representations) and its media type handlers.
     */
    public record RelationResource(
            String schema,
            Relation relation,
            String packageName,
            String className,
            List<Relationship> relationships,
            List<Function> computedFields,
            List<DomainCast> domainCasts,
            List<MediaHandlers.Handler> mediaHandlers) {
        public RelationResource {
            relationships = List.copyOf(relationships);
            computedFields = List.copyOf(computedFields);
            domainCasts = List.copyOf(domainCasts);
            mediaHandlers = List.copyOf(mediaHandlers);
        }
    }

    /**
     * The overloads of one function name served at {@code /rpc/<name>}.
     *
     * @param resultColumns  per overload, the columns of its result rows (table row type, {@code RETURNS TABLE},
     *                       OUT parameters or composite type attributes), so results can be filtered like a table;
     *                       empty for scalars and plain {@code record}
     * @param mediaHandlers  per overload, its media type handlers
     */
    public record FunctionResource(
            String schema,
            String name,
            List<Function> overloads,
            List<List<ResultColumn>> resultColumns,
            String packageName,
            String className,
            List<List<MediaHandlers.Handler>> mediaHandlers) {}

    /** A column of a function's result rows. */
    public record ResultColumn(String name, TypeRef type) {}

    public static ApiModel build(Catalog catalog, GeneratorConfig config) {
        var relations = new ArrayList<RelationResource>();
        var functions = new ArrayList<FunctionResource>();
        Map<RelationRef, List<Relationship>> relationships = Relationships.of(catalog, config.schemas());
        for (String schemaName : config.schemas()) {
            Schema schema = catalog.schema(schemaName)
                    .orElseThrow(() -> new CatalogException("schema \"" + schemaName + "\" does not exist"));
            String pkg = config.packageName() + "." + JavaNames.packageSegment(schemaName);
            var taken = new HashMap<String, Integer>();
            for (Relation relation : schema.relations()) {
                relations.add(new RelationResource(
                        schemaName,
                        relation,
                        pkg,
                        unique(taken, JavaNames.typeName(relation.name()) + "Service"),
                        relationships.getOrDefault(new RelationRef(schemaName, relation.name()), List.of()),
                        computedFields(schema, relation),
                        domainCasts(catalog, relation),
                        MediaHandlers.ofRelation(
                                catalog, config.schemas(), new RelationRef(schemaName, relation.name()))));
            }
            var byName = new LinkedHashMap<String, List<Function>>();
            for (Function f : schema.functions()) {
                if (callable(f)) {
                    byName.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f);
                }
            }
            for (Map.Entry<String, List<Function>> e : byName.entrySet()) {
                var columns = e.getValue().stream()
                        .map(f -> resultColumns(catalog, f))
                        .toList();
                functions.add(new FunctionResource(
                        schemaName,
                        e.getKey(),
                        e.getValue(),
                        columns,
                        pkg,
                        unique(taken, JavaNames.typeName(e.getKey()) + "Call"),
                        e.getValue().stream()
                                .map(f -> MediaHandlers.ofFunction(catalog, config.schemas(), schemaName, f))
                                .toList()));
            }
        }
        return new ApiModel(relations, functions);
    }

    /**
     * PostgREST's computed fields: functions with one argument of the relation's row type that return one scalar
     * (PostgreSQL then reads {@code rel.f} as {@code f(rel)}); a column of the same name wins.
     */
    static List<Function> computedFields(Schema schema, Relation relation) {
        Set<String> columns = new HashSet<>();
        relation.columns().forEach(c -> columns.add(c.name()));
        var fields = new ArrayList<Function>();
        for (Function f : schema.functions()) {
            List<Argument> inputs = f.inputs();
            if (inputs.size() != 1
                    || f.arguments().size() != 1
                    || f.returnsSet()
                    || f.returnRelation() != null
                    || columns.contains(f.name())) {
                continue;
            }
            TypeRef arg = inputs.getFirst().type();
            TypeRef result = f.returnType();
            boolean rowOfRelation = arg.arrayDepth() == 0
                    && arg.schema().equals(schema.name())
                    && arg.name().equals(relation.name());
            boolean scalar = result.category() != TypeCategory.COMPOSITE
                    && !result.name().equals("record")
                    && !result.name().equals("void");
            if (rowOfRelation && scalar) {
                fields.add(f);
            }
        }
        return fields;
    }

    /**
     * The casts PostgREST's domain representations apply to the relation's columns: from a column's exact type to
     * json, and from text or json to it.
     */
    static List<DomainCast> domainCasts(Catalog catalog, Relation relation) {
        Set<String> types = new HashSet<>();
        relation.columns().forEach(c -> types.add(c.type().sql()));
        return catalog.domainCasts().stream()
                .filter(c -> types.contains(c.source()) && c.target().equals("json")
                        || types.contains(c.target())
                                && (c.source().equals("text") || c.source().equals("json")))
                .toList();
    }

    /** Types a single unnamed parameter may have: it then receives the whole request body (PostgREST's rule). */
    private static final Set<String> BODY_TYPES = Set.of("json", "jsonb", "text", "xml", "bytea");

    /**
     * Functions PostgREST exposes: every input named, or exactly one unnamed input of type json, jsonb, text, xml
     * or bytea.
     */
    static boolean callable(Function f) {
        List<Argument> inputs = f.inputs();
        if (inputs.stream().map(Argument::name).noneMatch(String::isEmpty)) {
            return true;
        }
        return inputs.size() == 1
                && inputs.getFirst().type().arrayDepth() == 0
                && inputs.getFirst().type().schema().equals("pg_catalog")
                && BODY_TYPES.contains(inputs.getFirst().type().name());
    }

    /** The columns of a function's result rows, or empty when they are not known from the catalog. */
    static List<ResultColumn> resultColumns(Catalog catalog, Function f) {
        List<ResultColumn> outputs = f.arguments().stream()
                .filter(a -> a.mode().equals("OUT")
                        || a.mode().equals("INOUT")
                        || a.mode().equals("TABLE"))
                .map(a -> new ResultColumn(a.name(), a.type()))
                .toList();
        if (outputs.size() > 1
                || outputs.size() == 1
                        && f.arguments().stream().anyMatch(a -> a.mode().equals("TABLE"))) {
            return outputs;
        }
        if (f.returnRelation() != null) {
            return catalog.schema(f.returnRelation().schema())
                    .flatMap(s -> s.relation(f.returnRelation().name()))
                    .map(r -> r.columns().stream()
                            .map(c -> new ResultColumn(c.name(), c.type()))
                            .toList())
                    .orElse(List.of());
        }
        TypeRef type = f.returnType();
        if (type.category() == TypeCategory.COMPOSITE && type.arrayDepth() == 0) {
            return catalog.schema(type.schema())
                    .flatMap(s -> s.types().stream()
                            .filter(t -> t.name().equals(type.name()))
                            .findFirst())
                    .map(t -> t.attributes().stream()
                            .map(a -> new ResultColumn(a.name(), a.type()))
                            .toList())
                    .orElse(List.of());
        }
        return List.of();
    }

    /** Class names clash when SQL names differ only in characters Java drops; later ones get a number. */
    private static String unique(Map<String, Integer> taken, String name) {
        int n = taken.merge(name, 1, Integer::sum);
        return n == 1 ? name : name + n;
    }
}
