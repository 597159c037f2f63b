package dev.pgapi.generator.vet;

import dev.pgapi.generator.catalog.Argument;
import dev.pgapi.generator.catalog.Function;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds {@code current_setting(...)} calls in a function body whose setting name comes from the function's own
 * arguments ({@code current_setting(name)}, {@code current_setting($1, true)},
 * {@code current_setting('app.' || key)}). A textual scan: comments and the contents of string literals are
 * blanked first, so neither counts; a name passed through a local variable or built by dynamic SQL is not seen.
 */
final class SettingReads {

    private static final Pattern CALL =
            Pattern.compile("(?i)(?<![\\w$.])(?:pg_catalog\\s*\\.\\s*)?current_setting\\s*\\(");
    private static final Pattern WORD = Pattern.compile("\\$\\d+|[\\p{L}_][\\p{L}\\p{N}_$]*");

    private SettingReads() {}

    /** The arguments (by name, or {@code $n} when unnamed) that name a setting read in the body; sorted. */
    static Set<String> argumentsNamingSettings(Function f) {
        Set<String> found = new TreeSet<>();
        if (f.source() == null) {
            return found;
        }
        List<Argument> inputs = f.inputs();
        String code = blankCommentsAndLiterals(f.source());
        Matcher call = CALL.matcher(code);
        while (call.find()) {
            String first = firstArgument(code, call.end());
            Matcher word = WORD.matcher(first);
            while (word.find()) {
                String w = word.group();
                for (int i = 0; i < inputs.size(); i++) {
                    String name = inputs.get(i).name();
                    if (w.equals("$" + (i + 1)) || name != null && w.equalsIgnoreCase(name)) {
                        found.add(name == null || name.isEmpty() ? "$" + (i + 1) : name);
                    }
                }
            }
        }
        return found;
    }

    /** The text of the first argument of a call whose parenthesis ends at {@code from}: up to a top-level , or ). */
    private static String firstArgument(String code, int from) {
        int depth = 0;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth-- == 0 || c == ',' && depth == 0) {
                return code.substring(from, i);
            }
        }
        return code.substring(from);
    }

    /**
     * The body with comments and the contents of '...', E'...' and dollar-quoted literals replaced by spaces
     * (quotes kept), so that only code is searched. Positions are preserved.
     */
    static String blankCommentsAndLiterals(String src) {
        var out = new StringBuilder(src);
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '-' && src.startsWith("--", i)) {
                int end = src.indexOf('\n', i);
                i = blank(out, i, end < 0 ? src.length() : end);
            } else if (c == '/' && src.startsWith("/*", i)) {
                i = blank(out, i, blockCommentEnd(src, i));
            } else if (c == '\'') {
                boolean escapes = i > 0
                        && (src.charAt(i - 1) == 'E' || src.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(src.charAt(i - 2)));
                int end = quoteEnd(src, i + 1, escapes);
                blank(out, i + 1, end - 1);
                i = end;
            } else if (c == '$' && dollarTag(src, i) != null) {
                String tag = dollarTag(src, i);
                int close = src.indexOf(tag, i + tag.length());
                int end = close < 0 ? src.length() : close + tag.length();
                blank(out, i + tag.length(), close < 0 ? end : close);
                i = end;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static int blank(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, ' ');
            }
        }
        return to;
    }

    /** Block comments nest in PostgreSQL. */
    private static int blockCommentEnd(String src, int from) {
        int depth = 0;
        for (int i = from; i < src.length() - 1; i++) {
            if (src.startsWith("/*", i)) {
                depth++;
                i++;
            } else if (src.startsWith("*/", i)) {
                depth--;
                i++;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return src.length();
    }

    /** The index after the closing quote of a literal whose contents start at {@code from}. */
    private static int quoteEnd(String src, int from, boolean backslashEscapes) {
        for (int i = from; i < src.length(); i++) {
            char c = src.charAt(i);
            if (backslashEscapes && c == '\\') {
                i++;
            } else if (c == '\'') {
                if (i + 1 < src.length() && src.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        return src.length();
    }

    /** {@code $tag$} or {@code $$} starting at {@code i}; null for a parameter such as {@code $1} or a lone $. */
    private static String dollarTag(String src, int i) {
        if (i > 0 && (Character.isLetterOrDigit(src.charAt(i - 1)) || src.charAt(i - 1) == '_')) {
            return null; // part of an identifier such as a$b
        }
        int j = i + 1;
        if (j < src.length() && (Character.isLetter(src.charAt(j)) || src.charAt(j) == '_')) {
            while (j < src.length() && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                j++;
            }
        }
        return j < src.length() && src.charAt(j) == '$' ? src.substring(i, j + 1) : null;
    }
}
