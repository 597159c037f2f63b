package dev.pgapi.runtime.error;

/** Minimal JSON string quoting for hand-rendered bodies (error JSON, GUC payloads). */
public final class Json {

    private Json() {}

    /** {@code s} as a JSON string literal; {@code null} becomes {@code null}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        return quoteInto(new StringBuilder(s.length() + 2), s).toString();
    }

    /** Appends {@code s} as a JSON string (or {@code null}) to {@code out}, without a copy of its own. */
    public static StringBuilder quoteInto(StringBuilder out, String s) {
        if (s == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
