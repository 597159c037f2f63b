package dev.pgapi.runtime.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parser for PostgREST's configuration file syntax (the configurator-pg format): {@code key = value} bindings,
 * {@code key { ... }} groups that prefix their keys with {@code key.}, {@code #} comments, values that are quoted
 * strings (escapes {@code \n \t \r \" \\ \\uXXXX}), numbers or {@code true/false/on/off}. Inside strings {@code $$}
 * is a literal {@code $} and {@code $(name)} is replaced by an earlier key of the file or else an environment
 * variable; that is why a JSONPath role claim key is written {@code "$$.role"} in a file.
 */
final class ConfigFile {

    private final String text;
    private final String source;
    private final Map<String, String> env;
    private final Map<String, String> values = new LinkedHashMap<>();
    private int pos;

    private ConfigFile(String text, String source, Map<String, String> env) {
        this.text = text;
        this.source = source;
        this.env = env;
    }

    /** The bindings in file order, every value rendered as text (numbers as written, booleans as true/false). */
    static Map<String, String> parse(String text, String source, Map<String, String> env) {
        var file = new ConfigFile(text, source, env);
        file.directives("", false);
        return file.values;
    }

    private void directives(String prefix, boolean inGroup) {
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                if (inGroup) {
                    throw error("missing '}'");
                }
                return;
            }
            if (text.charAt(pos) == '}') {
                if (!inGroup) {
                    throw error("unexpected '}'");
                }
                pos++;
                return;
            }
            String key = identifier();
            skipHorizontal();
            if (peek() == '=') {
                pos++;
                skipHorizontal();
                values.put(prefix + key, value(prefix));
                skipHorizontal();
                if (pos < text.length() && peek() != '\n' && peek() != '\r' && peek() != '#' && peek() != '}') {
                    throw error("unexpected text after the value of " + prefix + key);
                }
            } else if (peek() == '{') {
                pos++;
                directives(prefix + key + ".", true);
            } else {
                throw error("expected '=' or '{' after " + prefix + key);
            }
        }
    }

    private String identifier() {
        int start = pos;
        word();
        while (peek() == '.') {
            pos++;
            word();
        }
        return text.substring(start, pos);
    }

    private void word() {
        if (!Character.isLetter(peek())) {
            throw error("expected a key");
        }
        pos++;
        while (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-') {
            pos++;
        }
    }

    private String value(String prefix) {
        for (var word : new String[] {"true", "false", "on", "off"}) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return word.equals("on") || word.equals("true") ? "true" : "false";
            }
        }
        char c = peek();
        if (c == '"') {
            return interpolate(quoted(), prefix);
        }
        if (c == '-' || c == '+' || Character.isDigit(c)) {
            int start = pos;
            pos++;
            while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            return text.substring(start, pos);
        }
        throw error("expected a quoted string, a number or a boolean");
    }

    private String quoted() {
        var out = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = pos < text.length() ? text.charAt(pos++) : ' ';
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("invalid \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("invalid \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("invalid escape \\" + e);
            }
        }
    }

    private String interpolate(String s, String prefix) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        var out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '$') {
                out.append(c);
            } else if (i + 1 < s.length() && s.charAt(i + 1) == '$') {
                out.append('$');
                i++;
            } else if (i + 1 < s.length() && s.charAt(i + 1) == '(' && s.indexOf(')', i) > i + 2) {
                int end = s.indexOf(')', i);
                out.append(lookup(s.substring(i + 2, end), prefix));
                i = end;
            } else {
                throw error("a '$' in a string must be written '$$' (or start a '$(name)' substitution)");
            }
        }
        return out.toString();
    }

    /** Like configurator-pg: the innermost enclosing group's key first, then outer ones, then the environment. */
    private String lookup(String name, String prefix) {
        String p = prefix;
        while (true) {
            String v = values.get(p + name);
            if (v != null) {
                return v;
            }
            if (p.isEmpty()) {
                break;
            }
            int dot = p.lastIndexOf('.', p.length() - 2);
            p = dot < 0 ? "" : p.substring(0, dot + 1);
        }
        String v = env.get(name);
        if (v == null) {
            throw error("no such variable: '" + name + "'");
        }
        return v;
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private void skipHorizontal() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private ConfigException error(String what) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new ConfigException(source + ":" + line + ": " + what);
    }
}
