package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import java.util.ArrayList;
import java.util.List;

/** A cursor over one parameter value, shared by the grammar's small recursive-descent parsers. */
final class Scanner {

    final String input;
    final String what;
    int pos;

    Scanner(String input, String what) {
        this.input = input;
        this.what = what;
    }

    boolean atEnd() {
        return pos >= input.length();
    }

    char peek() {
        return input.charAt(pos);
    }

    boolean lookingAt(String s) {
        return input.startsWith(s, pos);
    }

    boolean accept(String s) {
        if (lookingAt(s)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    void expect(String s) {
        if (!accept(s)) {
            throw error("\"" + s + "\"");
        }
    }

    void skipBlanks() {
        while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    ApiError error(String expecting) {
        return ApiErrors.queryParam(what, input, pos, expecting);
    }

    /** A field name: a double-quoted name, or runs of name characters joined by single dashes not before {@code >}. */
    String name() {
        if (!atEnd() && peek() == '"') {
            return quoted();
        }
        int start = pos;
        while (!atEnd()) {
            char c = peek();
            if (isNameChar(c)) {
                pos++;
            } else if (c == '-'
                    && pos > start
                    && pos + 1 < input.length()
                    && input.charAt(pos + 1) != '>'
                    && isNameChar(input.charAt(pos + 1))) {
                pos++;
            } else {
                break;
            }
        }
        if (pos == start) {
            throw error("field name (* or [a..z0..9_$])");
        }
        return input.substring(start, pos).strip();
    }

    /** A double-quoted string with backslash escapes ({@code \x} stands for {@code x}). */
    String quoted() {
        expect("\"");
        var out = new StringBuilder();
        while (!atEnd() && peek() != '"') {
            char c = input.charAt(pos++);
            if (c == '\\' && !atEnd()) {
                c = input.charAt(pos++);
            }
            out.append(c);
        }
        expect("\"");
        return out.toString();
    }

    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == ' ' || c == '$';
    }

    /** A column with an optional JSON path: {@code col->a->0->>b}. */
    Field field() {
        String name = name();
        var path = new ArrayList<Field.JsonStep>();
        while (lookingAt("->")) {
            boolean asText = accept("->>");
            if (!asText) {
                pos += 2;
            }
            path.add(jsonKey(asText));
        }
        return new Field(name, path);
    }

    private Field.JsonStep jsonKey(boolean asText) {
        if (!atEnd() && peek() == '"') {
            return new Field.JsonStep(asText, quoted(), false);
        }
        int start = pos;
        if (accept("-")) {
            int digits = pos;
            while (!atEnd() && Character.isDigit(peek())) {
                pos++;
            }
            if (pos == digits) {
                throw error("digit");
            }
            return new Field.JsonStep(asText, input.substring(start, pos), true);
        }
        while (!atEnd() && ".,>()-:!\"".indexOf(peek()) < 0) {
            pos++;
        }
        if (pos == start) {
            throw error("key or index");
        }
        String key = input.substring(start, pos);
        return new Field.JsonStep(asText, key, key.chars().allMatch(Character::isDigit));
    }

    /** Elements of {@code (a,b,"c,d")} or {@code {a,b}}: blanks next to the brackets dropped, quotes unescaped. */
    List<String> list(char open, char close) {
        expect(String.valueOf(open));
        var items = new ArrayList<String>();
        skipBlanks();
        if (accept(String.valueOf(close))) {
            return items;
        }
        while (true) {
            if (!atEnd() && peek() == '"') {
                items.add(quoted());
                skipBlanks();
            } else {
                int start = pos;
                while (!atEnd() && peek() != ',' && peek() != close) {
                    pos++;
                }
                items.add(input.substring(start, pos));
            }
            if (accept(",")) {
                continue;
            }
            if (!atEnd() && peek() == close) {
                pos++;
                stripLastBlanks(items);
                return items;
            }
            throw error("\",\" or \"" + close + "\"");
        }
    }

    private static void stripLastBlanks(List<String> items) {
        int last = items.size() - 1;
        items.set(last, items.get(last).stripTrailing());
    }
}
