package dev.pgapi.generator.catalog;

/** A problem reading a catalog, with a one-line message for the user. */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
