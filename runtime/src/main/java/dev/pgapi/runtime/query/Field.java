package dev.pgapi.runtime.query;

import java.util.List;

/**
 * A column reference from the request, optionally followed by a JSON path ({@code data->phones->0->>number}).
 *
 * @param name  the column name as the client wrote it (validated against the catalog before it reaches SQL)
 * @param path  JSON path steps, empty for a plain column
 */
public record Field(String name, List<JsonStep> path) {

    public Field {
        path = List.copyOf(path);
    }

    public static Field of(String name) {
        return new Field(name, List.of());
    }

    /**
     * One {@code ->} or {@code ->>} step.
     *
     * @param asText  true for {@code ->>}
     * @param key     the object key, or the array index as written ({@code 0}, {@code -1})
     * @param index   true when {@code key} is an integer index
     */
    public record JsonStep(boolean asText, String key, boolean index) {}

    /** The key PostgREST uses in the output for this field: the last JSON key, else the column name. */
    public String outputName() {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (!path.get(i).index()) {
                return path.get(i).key();
            }
        }
        return name;
    }
}
