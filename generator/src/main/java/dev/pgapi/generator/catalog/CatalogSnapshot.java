package dev.pgapi.generator.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog as committed JSON. Deterministic by construction: every record becomes an object whose properties are
 * its components in alphabetical order, null values are written as {@code null}, enums by name, lists in the order the
 * catalog keeps them; two-space indentation, {@code \n} line ends, a trailing newline, UTF-8.
 *
 * <p>The mapping walks the record components itself rather than relying on Jackson's bean rules, so helper methods on
 * the records never leak into the file. Reading tolerates missing properties (null, empty list, false or 0, so files
 * written before a component was added still load) and rejects unknown ones.
 */
public final class CatalogSnapshot {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CatalogSnapshot() {}

    public static String write(Catalog catalog) {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""));
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        try {
            return MAPPER.writer(printer).writeValueAsString(toJson(catalog)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Catalog catalog, Path file) {
        try {
            Files.writeString(file, write(catalog), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatalogException("cannot write catalog snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** @throws CatalogException when the text is not a snapshot of a supported format version */
    public static Catalog read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new CatalogException(
                    "invalid catalog snapshot: " + CatalogReader.firstLine(e.getOriginalMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new CatalogException("invalid catalog snapshot: expected a JSON object");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || version.isNull()) {
            throw new CatalogException("invalid catalog snapshot: formatVersion is missing");
        }
        if (!version.isInt() || version.intValue() != Catalog.FORMAT_VERSION) {
            throw new CatalogException("unsupported catalog snapshot format version " + version
                    + " (this pgapi reads version " + Catalog.FORMAT_VERSION + ")");
        }
        return (Catalog) fromJson(root, Catalog.class, "$");
    }

    public static Catalog read(Path file) {
        try {
            return read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new CatalogException("catalog snapshot not found: " + file, e);
        } catch (IOException e) {
            throw new CatalogException("cannot read catalog snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- records to JSON ----------------------------------------------------------------------------------------

    private static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        } else if (value instanceof String s) {
            return NODES.textNode(s);
        } else if (value instanceof Integer i) {
            return NODES.numberNode(i);
        } else if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        } else if (value instanceof Enum<?> e) {
            return NODES.textNode(e.name());
        } else if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(item -> array.add(toJson(item)));
            return array;
        } else if (value instanceof Record record) {
            ObjectNode object = NODES.objectNode();
            for (RecordComponent c : sortedComponents(record.getClass())) {
                try {
                    object.set(c.getName(), toJson(c.getAccessor().invoke(record)));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return object;
        }
        throw new IllegalArgumentException("cannot write " + value.getClass() + " to a catalog snapshot");
    }

    private static List<RecordComponent> sortedComponents(Class<?> type) {
        return Arrays.stream(type.getRecordComponents())
                .sorted(Comparator.comparing(RecordComponent::getName))
                .toList();
    }

    // ---- JSON to records ----------------------------------------------------------------------------------------

    private static Object fromJson(JsonNode node, Type type, String path) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            if (node == null || node.isNull()) {
                return List.of();
            }
            expect(node.isArray(), path, "an array");
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                list.add(fromJson(node.get(i), p.getActualTypeArguments()[0], path + "[" + i + "]"));
            }
            return list;
        }
        Class<?> c = (Class<?>) type;
        if (c == int.class) {
            expect(node == null || node.isInt(), path, "an integer");
            return node == null ? 0 : node.intValue();
        } else if (c == boolean.class) {
            expect(node == null || node.isBoolean(), path, "a boolean");
            return node != null && node.booleanValue();
        } else if (node == null || node.isNull()) {
            return null;
        } else if (c == String.class) {
            expect(node.isTextual(), path, "a string");
            return node.textValue();
        } else if (c.isEnum()) {
            expect(node.isTextual(), path, "a string");
            for (Object constant : c.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(node.textValue())) {
                    return constant;
                }
            }
            throw invalid(path, "one of " + Arrays.toString(c.getEnumConstants()));
        } else if (c.isRecord()) {
            expect(node.isObject(), path, "an object");
            return record(node, c, path);
        }
        throw new IllegalArgumentException("cannot read " + c + " from a catalog snapshot");
    }

    private static Object record(JsonNode node, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> known = new TreeSet<>();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            known.add(name);
            values[i] = fromJson(node.get(name), components[i].getGenericType(), path + "." + name);
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new CatalogException("invalid catalog snapshot: unknown property " + path + "." + name);
            }
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expect(boolean condition, String path, String what) {
        if (!condition) {
            throw invalid(path, what);
        }
    }

    private static CatalogException invalid(String path, String what) {
        return new CatalogException("invalid catalog snapshot: " + path + " must be " + what);
    }
}
