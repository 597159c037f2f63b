package dev.pgapi.generator.emit;

import com.palantir.javapoet.JavaFile;
import dev.pgapi.generator.model.ApiModel;
import java.util.SortedMap;
import java.util.TreeMap;

/** Emits the Helidon side of the API: services, routing feature, entry point. */
public final class ApiEmitter {

    private ApiEmitter() {}

    /** Java sources keyed by their path relative to the source root. */
    public static SortedMap<String, String> emit(String packageName, ApiModel model) {
        var files = new TreeMap<String, String>();
        model.relations().forEach(r -> put(files, ServiceEmitter.relation(r)));
        model.functions().forEach(f -> put(files, ServiceEmitter.function(f)));
        put(files, RoutingEmitter.routing(packageName, model));
        put(files, RoutingEmitter.main(packageName));
        return files;
    }

    private static void put(SortedMap<String, String> files, JavaFile file) {
        String path =
                file.packageName().replace('.', '/') + "/" + file.typeSpec().name() + ".java";
        files.put(path, file.toString());
    }
}
