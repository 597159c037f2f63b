package dev.pgapi.generator;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What to generate.
 *
 * @param packageName  the Java package the generator owns (nothing outside it is ever written)
 * @param schemas      the exposed schemas, in {@code db-schemas} order
 */
public record GeneratorConfig(String packageName, List<String> schemas) {

    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    public GeneratorConfig {
        schemas = List.copyOf(schemas);
        if (packageName == null || !PACKAGE.matcher(packageName).matches()) {
            throw new IllegalArgumentException("packageName \"" + packageName
                    + "\" is not a lower-case Java package name such as com.example.api");
        }
        if (schemas.isEmpty()) {
            throw new IllegalArgumentException("schemas must name at least one schema");
        }
    }

    /** The package's folder relative to the source root, e.g. {@code com/example/api}. */
    public String packagePath() {
        return packageName.replace('.', '/');
    }
}
