package dev.pgapi.generator.naming;

import java.util.Locale;
import java.util.Set;

/** Java names for SQL names: deterministic, locale-independent, never a keyword. */
public final class JavaNames {

    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "var",
            "record",
            "yield",
            "sealed",
            "permits",
            "non-sealed",
            "_");

    private JavaNames() {}

    /**
     * {@code book_details} → {@code BookDetails}, {@code Ünïcödé Täble} → {@code ÜnïcödéTäble}: letters and digits of
     * any script are kept (Java names allow them, and jOOQ's classes keep them too); anything else separates words.
     */
    public static String typeName(String sqlName) {
        var out = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < sqlName.length(); ) {
            int c = sqlName.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isLetterOrDigit(c) && Character.isJavaIdentifierPart(c)) {
                // Character.toUpperCase(int) is locale-independent (no Turkish dotted I)
                out.appendCodePoint(upper ? Character.toUpperCase(c) : c);
                upper = false;
            } else {
                upper = true;
            }
        }
        if (out.isEmpty() || !Character.isJavaIdentifierStart(out.codePointAt(0))) {
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
