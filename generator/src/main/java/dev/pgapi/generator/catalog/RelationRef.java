package dev.pgapi.generator.catalog;

/** A schema-qualified relation name. */
public record RelationRef(String schema, String name) {}
