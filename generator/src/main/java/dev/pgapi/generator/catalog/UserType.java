package dev.pgapi.generator.catalog;

import java.util.List;

/**
 * A type defined in a schema.
 *
 * @param name        type name
 * @param category    {@code ENUM}, {@code COMPOSITE}, {@code RANGE} or, for domains, the base type's category
 * @param labels      enum labels in sort order; empty otherwise
 * @param attributes  composite attributes in order (name and type); empty otherwise
 * @param baseType    domains: the base type's SQL; else null
 * @param comment     {@code COMMENT ON TYPE}, or null
 */
public record UserType(
        String name,
        TypeCategory category,
        List<String> labels,
        List<Attribute> attributes,
        String baseType,
        String comment) {

    public UserType {
        labels = List.copyOf(labels);
        attributes = List.copyOf(attributes);
    }

    /** A composite type attribute. */
    public record Attribute(String name, TypeRef type) {}
}
