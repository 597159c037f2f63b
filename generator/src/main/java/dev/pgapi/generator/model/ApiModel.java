package dev.pgapi.generator.model;

import dev.pgapi.generator.GeneratorConfig;
import dev.pgapi.generator.catalog.Argument;
import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.CatalogException;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.catalog.RelationRef;
import dev.pgapi.generator.catalog.Schema;
import dev.pgapi.generator.naming.JavaNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API the generator emits: one resource per exposed relation and one per function name, each with a unique
 * Java class name inside its schema's package. A pure function of the catalog and the configuration.
 *
 * @param relations  relation resources, by schema (in {@code schemas} order) then name
 * @param functions  function resources, same order
 */
public record ApiModel(List<RelationResource> relations, List<FunctionResource> functions) {

    /** A relation served at {@code /<name>}, with the relationships it can embed through. */
    public record RelationResource(String schema, Relation relation, String packageName, String className,
                                   List<Relationship> relationships) {
        public RelationResource {
            relationships = List.copyOf(relationships);
        }
    }

    /** The overloads of one function name served at {@code /rpc/<name>}. */
    public record FunctionResource(String schema, String name, List<Function> overloads, String packageName,
                                   String className) {
    }

    public static ApiModel build(Catalog catalog, GeneratorConfig config) {
        var relations = new ArrayList<RelationResource>();
        var functions = new ArrayList<FunctionResource>();
        Map<RelationRef, List<Relationship>> relationships = Relationships.of(catalog, config.schemas());
        for (String schemaName : config.schemas()) {
            Schema schema = catalog.schema(schemaName).orElseThrow(() ->
                    new CatalogException("schema \"" + schemaName + "\" does not exist"));
            String pkg = config.packageName() + "." + JavaNames.packageSegment(schemaName);
            var taken = new HashMap<String, Integer>();
            for (Relation relation : schema.relations()) {
                relations.add(new RelationResource(schemaName, relation, pkg,
                        unique(taken, JavaNames.typeName(relation.name()) + "Service"),
                        relationships.getOrDefault(new RelationRef(schemaName, relation.name()), List.of())));
            }
            var byName = new LinkedHashMap<String, List<Function>>();
            for (Function f : schema.functions()) {
                if (callable(f)) {
                    byName.computeIfAbsent(f.name(), n -> new ArrayList<>()).add(f);
                }
            }
            for (Map.Entry<String, List<Function>> e : byName.entrySet()) {
                functions.add(new FunctionResource(schemaName, e.getKey(), e.getValue(), pkg,
                        unique(taken, JavaNames.typeName(e.getKey()) + "Call")));
            }
        }
        return new ApiModel(relations, functions);
    }

    /**
     * Functions callable with named arguments. Functions with unnamed inputs (PostgREST's single-body-parameter
     * form) are not exposed yet.
     */
    static boolean callable(Function f) {
        return f.inputs().stream().map(Argument::name).noneMatch(String::isEmpty);
    }

    /** Class names clash when SQL names differ only in characters Java drops; later ones get a number. */
    private static String unique(Map<String, Integer> taken, String name) {
        int n = taken.merge(name, 1, Integer::sum);
        return n == 1 ? name : name + n;
    }
}
