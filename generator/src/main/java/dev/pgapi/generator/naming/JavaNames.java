package dev.pgapi.generator.naming;

import java.util.Locale;
import java.util.Set;

/** Java names for SQL names: deterministic, locale-independent, never a keyword. */
public final class JavaNames {

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized",
            "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null",
            "var", "record", "yield", "sealed", "permits", "non-sealed", "_");

    private JavaNames() {
    }

    /** {@code book_details} → {@code BookDetails}; characters that cannot appear in Java names separate words. */
    public static String typeName(String sqlName) {
        var out = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < sqlName.length(); i++) {
            char c = sqlName.charAt(i);
            if (c < 128 && Character.isLetterOrDigit(c)) {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (out.isEmpty() || Character.isDigit(out.charAt(0))) {
            out.insert(0, 'X');
        }
        return out.toString();
    }

    /** A package segment for a schema: lower-case letters, digits and underscores. */
    public static String packageSegment(String sqlName) {
        var out = new StringBuilder();
        for (char c : sqlName.toLowerCase(Locale.ROOT).toCharArray()) {
            out.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        }
        String segment = out.toString();
        if (segment.isEmpty() || Character.isDigit(segment.charAt(0)) || KEYWORDS.contains(segment)) {
            segment = "_" + segment;
        }
        return segment;
    }
}
