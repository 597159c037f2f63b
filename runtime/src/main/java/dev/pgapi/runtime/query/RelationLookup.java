package dev.pgapi.runtime.query;

import dev.pgapi.runtime.schema.RelationInfo;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Finds the generated descriptor of a relation by schema and name: the targets of embedding. */
@FunctionalInterface
public interface RelationLookup {

    Optional<RelationInfo> find(String schema, String name);

    /** A lookup over the given descriptors. */
    static RelationLookup of(Collection<RelationInfo> relations) {
        Map<String, RelationInfo> byName = new HashMap<>();
        for (RelationInfo r : relations) {
            byName.put(r.schema() + "\u0000" + r.name(), r);
        }
        return (schema, name) -> Optional.ofNullable(byName.get(schema + "\u0000" + name));
    }
}
