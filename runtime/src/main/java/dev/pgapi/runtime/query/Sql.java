package dev.pgapi.runtime.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL text with its bind parameters. Every request value is appended with {@link #param}; identifiers only with
 * {@link #ident}, which quotes them.
 */
public final class Sql {

    private final StringBuilder text = new StringBuilder(256);
    private final List<String> params = new ArrayList<>();

    public Sql append(String sqlText) {
        text.append(sqlText);
        return this;
    }

    /** A quoted identifier ({@code "} doubled). */
    public Sql ident(String identifier) {
        text.append(quoteIdent(identifier));
        return this;
    }

    /** A bind parameter sent as untyped text (PostgreSQL infers its type); {@code null} binds SQL NULL. */
    public Sql param(String value) {
        text.append('?');
        params.add(value);
        return this;
    }

    /** Appends another fragment's text and parameters. */
    public Sql append(Sql other) {
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public String text() {
        return text.toString();
    }

    public List<String> params() {
        return Collections.unmodifiableList(params);
    }

    public static String quoteIdent(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
