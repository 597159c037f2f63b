package dev.pgapi.runtime.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * SQL text with its bind parameters. Every request value is appended with {@link #param}; identifiers only with
 * {@link #ident}, which quotes them.
 */
public final class Sql {

    // most fragments are short and have few values: start small, the statement that joins them sizes itself
    private final StringBuilder text;
    private final List<String> params;

    public Sql() {
        this(32, 4);
    }

    private Sql(int chars, int values) {
        this.text = new StringBuilder(chars);
        this.params = new ArrayList<>(values);
    }

    /** An empty fragment with room for {@code chars} characters and {@code values} parameters. */
    public static Sql sized(int chars, int values) {
        return new Sql(chars, values);
    }

    /**
     * SQL another renderer wrote from code, never from request text (a jOOQ query built by a hand-written handler),
     * with one {@code ?} per value in {@code params}.
     */
    public static Sql rendered(String text, List<String> params) {
        var sql = new Sql(text.length(), params.size());
        sql.text.append(text);
        sql.params.addAll(params);
        return sql;
    }

    /** Characters of text so far. */
    public int length() {
        return text.length();
    }

    /** Parameters so far. */
    public int parameterCount() {
        return params.size();
    }

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

    /**
     * A row count parsed from the request ({@code LIMIT}/{@code OFFSET} only), written into the text as PostgREST
     * does: with a parameter there, PostgreSQL plans for a tenth of the table instead of the rows asked for.
     */
    public Sql rowCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a row count is never negative: " + count);
        }
        text.append(count);
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

    /** A string literal of a catalog name ({@code '} doubled); request values are always {@link #param}s. */
    public static String quoteLiteral(String catalogName) {
        return '\'' + catalogName.replace("'", "''") + '\'';
    }

    public static String quoteIdent(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
