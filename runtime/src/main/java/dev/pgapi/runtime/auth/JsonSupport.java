package dev.pgapi.runtime.auth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgapi.runtime.error.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/** JSON parsing and rendering for tokens: exact numbers, no trailing garbage, aeson-like compact output. */
final class JsonSupport {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonSupport() {}

    /** The parsed JSON object, or null when {@code bytes} are not exactly one JSON object. */
    static JsonNode object(byte[] bytes) {
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Compact JSON with object keys sorted, as PostgREST (aeson) renders claims. */
    static String canonical(JsonNode node) {
        var out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    /**
     * An object's members as {@code json_each_text} returns them from its {@link #canonical} text: sorted by name,
     * strings verbatim, JSON null as null, other values as canonical JSON; only those {@code keep} accepts.
     */
    static SequencedMap<String, String> memberTexts(JsonNode object, BiPredicate<String, String> keep) {
        var texts = new TreeMap<String, String>();
        object.properties().forEach(e -> {
            JsonNode value = e.getValue();
            String text = value.isTextual() ? value.textValue() : value.isNull() ? null : canonical(value);
            if (keep.test(e.getKey(), text)) {
                texts.put(e.getKey(), text);
            }
        });
        return Collections.unmodifiableSequencedMap(texts);
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            var sorted = new TreeMap<String, JsonNode>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            out.append('{');
            boolean first = true;
            for (var e : sorted.entrySet()) {
                out.append(first ? "" : ",").append(Json.quote(e.getKey())).append(':');
                write(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isTextual()) {
            out.append(Json.quote(node.textValue()));
        } else {
            out.append(node); // numbers, booleans, null
        }
    }

    /** An unmodifiable Java view of a JSON value: ordered maps, lists, String, Number, Boolean, null. */
    static Object toJava(JsonNode node) {
        if (node.isObject()) {
            var map = new LinkedHashMap<String, Object>();
            node.properties().forEach(e -> map.put(e.getKey(), toJava(e.getValue())));
            return Collections.unmodifiableMap(map);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(e -> list.add(toJava(e)));
            return Collections.unmodifiableList(list);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> toJavaObject(JsonNode object) {
        return (Map<String, Object>) toJava(object);
    }
}
