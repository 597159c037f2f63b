package dev.pgapi.generator.catalog;

/** The base-table column behind a view column (used to embed through views along base-table foreign keys). */
public record ColumnSource(String schema, String relation, String column) {}
