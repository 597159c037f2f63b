package dev.pgapi.generator.catalog;

import java.util.List;
import java.util.stream.Collectors;

/** A catalog could not be obtained; the message is one line meant for the user. */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code schema "x" does not exist}, or {@code schemas "x", "y" do not exist}. */
    static CatalogException missingSchemas(List<String> missing) {
        String names = missing.stream().map(s -> '"' + s + '"').collect(Collectors.joining(", "));
        return new CatalogException(
                missing.size() == 1 ? "schema " + names + " does not exist" : "schemas " + names + " do not exist");
    }
}
