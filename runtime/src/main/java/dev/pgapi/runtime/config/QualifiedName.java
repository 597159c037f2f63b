package dev.pgapi.runtime.config;

/** A database object name as written in the configuration: {@code schema.name}, or {@code name} (schema null). */
public record QualifiedName(String schema, String name) {

    /** Splits at the first dot, like PostgREST. */
    static QualifiedName parse(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? new QualifiedName(null, s) : new QualifiedName(s.substring(0, dot), s.substring(dot + 1));
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
