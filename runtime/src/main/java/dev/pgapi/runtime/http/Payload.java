package dev.pgapi.runtime.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.QueryString;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a write's body (JSON, CSV or form), checked as PostgREST checks them: a JSON body is one object or an
 * array of objects that all have the same keys; a JSON scalar is no rows.
 *
 * <p>A JSON body is checked with a streaming parser, not read into a tree: a body of a million small objects would
 * otherwise cost a hundred times its size in memory. The rows go to PostgreSQL as the body's own text, so every
 * value (a 5,000-digit number too) arrives exactly as it was sent.
 *
 * @param json  the rows as a JSON array text: the body itself when it was a JSON array
 * @param keys  the keys of the first row (of every row, unless read for {@code ?columns=})
 * @param size  the number of rows
 */
record Payload(String json, Set<String> keys, int size) {

    /** A row: its keys and its JSON text. */
    record Row(Set<String> keys, String json) {}

    /**
     * Reads the body's rows.
     *
     * @param checkKeys  whether all objects must have the same keys (false with {@code ?columns=}, which picks the
     *                   keys)
     */
    static Payload of(RequestBody body, boolean checkKeys) {
        return switch (body.mediaType()) {
            case RequestBody.JSON -> json(body.text(), checkKeys);
            case RequestBody.CSV -> Csv.parse(body.text());
            case RequestBody.FORM -> form(body.text());
            default -> throw RequestBody.contentTypeNotAcceptable(body.mediaType());
        };
    }

    static Payload json(String text, boolean checkKeys) {
        try (JsonParser p = BodyJson.FACTORY.createParser(text)) {
            JsonToken root = p.nextToken();
            if (root == null) {
                throw invalidJson();
            }
            Payload payload;
            if (root == JsonToken.START_OBJECT) {
                payload = new Payload("[" + text + "]", Collections.unmodifiableSet(objectKeys(p)), 1);
            } else if (root == JsonToken.START_ARRAY) {
                payload = array(p, text, checkKeys);
            } else {
                // PostgREST treats a JSON scalar as an empty array
                payload = new Payload("[]", Set.of(), 0);
            }
            if (p.nextToken() != null) {
                throw invalidJson();
            }
            return payload;
        } catch (IOException e) {
            throw invalidJson();
        }
    }

    /**
     * The elements of an array body: the first object's keys, and (with {@code checkKeys}) that every other object
     * has the same ones. Every element is parsed before a key mismatch is reported, so invalid JSON anywhere is
     * reported as such. Nothing is kept per element.
     */
    private static Payload array(JsonParser p, String text, boolean checkKeys) throws IOException {
        Set<String> first = null;
        Map<String, Integer> index = null;
        boolean[] seen = null;
        boolean mismatch = false;
        int size = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw invalidJson();
            }
            size++;
            if (t != JsonToken.START_OBJECT) {
                mismatch = true;
                p.skipChildren();
                continue;
            }
            if (first == null) {
                first = objectKeys(p);
                index = new HashMap<>();
                for (String key : first) {
                    index.put(key, index.size());
                }
                seen = new boolean[first.size()];
                continue;
            }
            if (!checkKeys || mismatch) {
                p.skipChildren();
                continue;
            }
            Arrays.fill(seen, false);
            int distinct = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                Integer i = index.get(p.currentName());
                if (i == null) {
                    mismatch = true;
                } else if (!seen[i]) {
                    seen[i] = true;
                    distinct++;
                }
                p.nextToken();
                p.skipChildren();
            }
            mismatch |= distinct != first.size();
        }
        if (mismatch) {
            throw keysMustMatch();
        }
        return new Payload(text, first == null ? Set.of() : Collections.unmodifiableSet(first), size);
    }

    /** The keys of the object whose start the parser is at, in order; leaves the parser at its end. */
    private static Set<String> objectKeys(JsonParser p) throws IOException {
        var keys = new LinkedHashSet<String>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            keys.add(p.currentName());
            p.nextToken();
            p.skipChildren();
        }
        return keys;
    }

    /** The first row as a one-element JSON array, or {@code []} when there are none. */
    String firstRowJson() {
        List<Row> first = rows(1);
        return first.isEmpty() ? "[]" : "[" + first.getFirst().json() + "]";
    }

    /** Every row with its keys and text (for grouping rows by the keys they have). */
    List<Row> rows() {
        return rows(Integer.MAX_VALUE);
    }

    private List<Row> rows(int limit) {
        var rows = new ArrayList<Row>();
        try (JsonParser p = BodyJson.FACTORY.createParser(json)) {
            p.nextToken();
            while (rows.size() < limit && p.nextToken() == JsonToken.START_OBJECT) {
                int start = (int) p.currentTokenLocation().getCharOffset();
                Set<String> keys = objectKeys(p);
                int end = (int) p.currentLocation().getCharOffset();
                rows.add(new Row(keys, json.substring(start, end)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rows of a checked payload", e);
        }
        return rows;
    }

    /** A form body is one row of strings. */
    private static Payload form(String text) {
        var row = new LinkedHashMap<String, String>();
        for (QueryString.Param p : QueryString.parse(text)) {
            row.put(p.key(), p.value());
        }
        String json = write(g -> {
            g.writeStartArray();
            g.writeStartObject();
            for (Map.Entry<String, String> field : row.entrySet()) {
                g.writeStringField(field.getKey(), field.getValue());
            }
            g.writeEndObject();
            g.writeEndArray();
        });
        return new Payload(json, Collections.unmodifiableSet(row.keySet()), 1);
    }

    @FunctionalInterface
    private interface Writing {
        void to(JsonGenerator g) throws IOException;
    }

    private static String write(Writing writing) {
        var out = new StringWriter();
        try (JsonGenerator g = BodyJson.FACTORY.createGenerator(out)) {
            writing.to(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static ApiError invalidJson() {
        return ApiErrors.invalidJson();
    }

    private static ApiError keysMustMatch() {
        return ApiErrors.keysMustMatch();
    }

    /** {@code text/csv} bodies: a header line of column names, then rows; unquoted {@code NULL} is SQL null. */
    static final class Csv {

        private Csv() {}

        /** The rows as JSON objects keyed by the header's names, each written as soon as its line is read. */
        static Payload parse(String text) {
            var header = new ArrayList<String>();
            int[] rows = {0};
            String json = write(g -> {
                g.writeStartArray();
                lines(text, line -> {
                    if (header.isEmpty()) {
                        header.addAll(line);
                        return;
                    }
                    if (line.size() != header.size()) {
                        throw ApiErrors.csvFieldCount();
                    }
                    g.writeStartObject();
                    for (int i = 0; i < header.size(); i++) {
                        g.writeStringField(header.get(i), line.get(i));
                    }
                    g.writeEndObject();
                    rows[0]++;
                });
                g.writeEndArray();
            });
            Set<String> keys = rows[0] == 0 ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(header));
            return new Payload(json, keys, rows[0]);
        }

        @FunctionalInterface
        private interface LineSink {
            void accept(List<String> fields) throws IOException;
        }

        /** Passes the fields of each non-empty line; an unquoted {@code NULL} field is passed as null. */
        private static void lines(String text, LineSink sink) throws IOException {
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
                        endLine(sink, fields, field, wasQuoted);
                        wasQuoted = false;
                    }
                    default -> field.append(c);
                }
                i++;
            }
            if (quoted) {
                throw ApiErrors.csvUnterminatedQuote();
            }
            endLine(sink, fields, field, wasQuoted);
        }

        private static void endLine(LineSink sink, List<String> fields, StringBuilder field, boolean wasQuoted)
                throws IOException {
            if (fields.isEmpty() && field.isEmpty() && !wasQuoted) {
                return;
            }
            fields.add(value(field, wasQuoted));
            field.setLength(0);
            sink.accept(fields);
            fields.clear();
        }

        private static String value(StringBuilder field, boolean wasQuoted) {
            String v = field.toString();
            return !wasQuoted && v.equals("NULL") ? null : v;
        }
    }
}
