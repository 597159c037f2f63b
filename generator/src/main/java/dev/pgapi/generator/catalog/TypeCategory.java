package dev.pgapi.generator.catalog;

/** Broad classes of PostgreSQL types, from {@code pg_type.typtype} and {@code typcategory}. */
public enum TypeCategory {
    /** booleans */
    BOOLEAN,
    /** smallint, integer, bigint, numeric, real, double precision, money */
    NUMERIC,
    /** text, varchar, char, name, citext */
    STRING,
    /** date, time, timestamp, interval (with or without zone) */
    DATETIME,
    /** json and jsonb */
    JSON,
    /** uuid */
    UUID,
    /** bytea */
    BINARY,
    /** user-defined enums */
    ENUM,
    /** composite types and table row types */
    COMPOSITE,
    /** range and multirange types */
    RANGE,
    /** void, record, trigger, any* */
    PSEUDO,
    /** anything else (inet, tsvector, geometric types, xml, bit strings, extension types) */
    OTHER
}
