package dev.pgapi.generator.catalog;

import java.util.List;

/** A unique constraint or a plain unique index (no predicate, no expressions). */
public record UniqueKey(String name, List<String> columns) {
    public UniqueKey {
        columns = List.copyOf(columns);
    }
}
