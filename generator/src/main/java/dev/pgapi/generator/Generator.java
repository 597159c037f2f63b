package dev.pgapi.generator;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.emit.ApiEmitter;
import dev.pgapi.generator.emit.jooq.JooqEmitter;
import dev.pgapi.generator.model.ApiModel;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The generator: a function from a catalog and a configuration to the files of the generated package, keyed by their
 * path relative to the source root. The same input always gives the same bytes: no clock, no environment and no
 * locale reach the output. The Helidon side is computed in memory; the jOOQ step runs jOOQ's code generator, which
 * needs a temporary directory and two system properties for the length of the call and sets jOOQ's log threshold
 * ({@link JooqEmitter} lists these side effects).
 */
public final class Generator {

    private Generator() {}

    public static SortedMap<String, String> generate(Catalog catalog, GeneratorConfig config) {
        ApiModel model = ApiModel.build(catalog, config);
        var files = new TreeMap<String, String>(ApiEmitter.emit(config.packageName(), model));
        // jOOQ's typed tables and records, for users' own queries next to the generated API
        files.putAll(JooqEmitter.emit(catalog, config.schemas(), config.packageName() + ".jooq"));
        return Collections.unmodifiableSortedMap(files);
    }
}
