package dev.pgapi.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.query.QueryString;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of a write's body (JSON, CSV or form), checked as PostgREST checks them: a JSON body is one object or an
 * array of objects that all have the same keys; a JSON scalar is no rows.
 *
 * @param json      the rows as a JSON array text, passed to PostgreSQL as it came when the body was a JSON array
 * @param keys      the keys of the first row (of every row, unless read for {@code ?columns=})
 * @param rows      the rows, for callers that need per-row keys
 */
record Payload(String json, Set<String> keys, List<ObjectNode> rows) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /**
     * Reads the body's rows.
     *
     * @param checkKeys  whether all objects must have the same keys (false with {@code ?columns=}, which picks the
     *                   keys)
     */
    static Payload of(RequestBody body, boolean checkKeys) {
        return switch (body.mediaType()) {
            case RequestBody.JSON -> json(body.text(), checkKeys);
            case RequestBody.CSV -> fromRows(Csv.parse(body.text()));
            case RequestBody.FORM -> fromRows(List.of(form(body.text())));
            default -> throw RequestBody.contentTypeNotAcceptable(body.mediaType());
        };
    }

    static Payload json(String text, boolean checkKeys) {
        JsonNode root;
        try {
            root = text.isBlank() ? null : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            root = null;
        }
        if (root == null) {
            throw invalidJson();
        }
        var rows = new ArrayList<ObjectNode>();
        String json;
        if (root instanceof ObjectNode object) {
            rows.add(object);
            json = "[" + text + "]";
        } else if (root instanceof ArrayNode array) {
            for (JsonNode element : array) {
                if (!(element instanceof ObjectNode object)) {
                    throw keysMustMatch();
                }
                rows.add(object);
            }
            json = text;
        } else {
            // PostgREST treats a JSON scalar as an empty array
            json = "[]";
        }
        Set<String> keys = rows.isEmpty() ? Set.of() : keySet(rows.getFirst());
        if (checkKeys) {
            for (ObjectNode row : rows) {
                if (row.size() != keys.size() || !keys.equals(keySet(row))) {
                    throw keysMustMatch();
                }
            }
        }
        return new Payload(json, keys, rows);
    }

    private static Payload fromRows(List<ObjectNode> rows) {
        var array = JsonNodeFactory.instance.arrayNode();
        rows.forEach(array::add);
        return new Payload(array.toString(), rows.isEmpty() ? Set.of() : keySet(rows.getFirst()), rows);
    }

    /** A form body is one row of strings. */
    private static ObjectNode form(String text) {
        var row = JsonNodeFactory.instance.objectNode();
        for (QueryString.Param p : QueryString.parse(text)) {
            row.put(p.key(), p.value());
        }
        return row;
    }

    /** The given rows as a JSON array text. */
    static String toJson(List<ObjectNode> rows) {
        var array = JsonNodeFactory.instance.arrayNode();
        rows.forEach(array::add);
        try {
            return MAPPER.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> keySet(ObjectNode row) {
        var keys = new LinkedHashSet<String>();
        row.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static ApiError invalidJson() {
        return ApiError.of(400, "PGRST102", "Empty or invalid json", null, null);
    }

    private static ApiError keysMustMatch() {
        return ApiError.of(400, "PGRST102", "All object keys must match", null, null);
    }

    /** {@code text/csv} bodies: a header line of column names, then rows; unquoted {@code NULL} is SQL null. */
    static final class Csv {

        private Csv() {
        }

        static List<ObjectNode> parse(String text) {
            List<List<String>> lines = lines(text);
            var rows = new ArrayList<ObjectNode>();
            if (lines.isEmpty()) {
                return rows;
            }
            List<String> header = lines.getFirst();
            for (List<String> line : lines.subList(1, lines.size())) {
                if (line.size() != header.size()) {
                    throw ApiError.of(400, "PGRST102", "All lines must have same number of fields", null, null);
                }
                var row = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < header.size(); i++) {
                    String value = line.get(i);
                    if (value == null) {
                        row.putNull(header.get(i));
                    } else {
                        row.put(header.get(i), value);
                    }
                }
                rows.add(row);
            }
            return rows;
        }

        /** Fields of each non-empty line; an unquoted {@code NULL} field is returned as null. */
        private static List<List<String>> lines(String text) {
            var lines = new ArrayList<List<String>>();
            var fields = new ArrayList<String>();
            var field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                    i++;
                    continue;
                }
                switch (c) {
                    case '"' -> {
                        quoted = true;
                        wasQuoted = true;
                    }
                    case ',' -> {
                        fields.add(value(field, wasQuoted));
                        field.setLength(0);
                        wasQuoted = false;
                    }
                    case '\r' -> {
                        // part of a CRLF line end
                    }
                    case '\n' -> {
                        endLine(lines, fields, field, wasQuoted);
                        wasQuoted = false;
                    }
                    default -> field.append(c);
                }
                i++;
            }
            if (quoted) {
                throw ApiError.of(400, "PGRST102", "Unterminated quoted field in CSV body", null, null);
            }
            endLine(lines, fields, field, wasQuoted);
            return lines;
        }

        private static void endLine(List<List<String>> lines, List<String> fields, StringBuilder field,
                                    boolean wasQuoted) {
            if (fields.isEmpty() && field.isEmpty() && !wasQuoted) {
                return;
            }
            fields.add(value(field, wasQuoted));
            field.setLength(0);
            lines.add(new ArrayList<>(fields));
            fields.clear();
        }

        private static String value(StringBuilder field, boolean wasQuoted) {
            String v = field.toString();
            return !wasQuoted && v.equals("NULL") ? null : v;
        }
    }
}
