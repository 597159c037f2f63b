package dev.pgapi.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code jwt-role-claim-key}: where the role is in the claims. Two syntaxes, tried in this order like PostgREST:
 * <ul>
 *   <li>RFC 9535 JSONPath, e.g. {@code $.role}, {@code $.pg.roles[1]}, {@code $['https://x'].role},
 *       {@code $.roles[?@ == 'author']}, {@code $.roles[?search(@, '^au')]}: name, index, wildcard and filter
 *       selectors (comparisons, {@code && || !}, {@code search}/{@code match}); descendant segments and slices are not
 *       supported.</li>
 *   <li>the legacy syntax of PostgREST ≤ 14: {@code .role}, {@code ."https://x".role}, {@code .roles[0]}, and a final
 *       filter {@code [?(@ == "x")]} with {@code == != ^== ==^ *==}.</li>
 * </ul>
 * The role is the first node the path selects.
 */
public final class RoleClaimPath {

    /** Selects child nodes of a node. */
    private interface Step {
        void select(JsonNode node, List<JsonNode> out);
    }

    private final String source;
    private final List<Step> steps;
    private final String jsonPathEquivalent;

    private RoleClaimPath(String source, List<Step> steps, String jsonPathEquivalent) {
        this.source = source;
        this.steps = List.copyOf(steps);
        this.jsonPathEquivalent = jsonPathEquivalent;
    }

    /** @throws IllegalArgumentException when {@code path} is valid in neither syntax */
    public static RoleClaimPath parse(String path) {
        try {
            return new RoleClaimPath(path, new JsonPathParser(path).parse(), null);
        } catch (IllegalArgumentException jsonPathError) {
            try {
                var legacy = new LegacyParser(path);
                return new RoleClaimPath(path, legacy.parse(), legacy.jsonPath.toString());
            } catch (IllegalArgumentException legacyError) {
                throw path.startsWith(".") ? legacyError : jsonPathError;
            }
        }
    }

    /**
     * For a key in the pre-16 syntax (deprecated since PostgREST 16, still accepted): the same key as an RFC 9535
     * JSON Path, for the warning at startup; null for a JSON Path.
     */
    public String legacyReplacement() {
        return jsonPathEquivalent;
    }

    /** The first node selected in {@code claims}, or null. */
    JsonNode first(JsonNode claims) {
        List<JsonNode> nodes = List.of(claims);
        for (Step step : steps) {
            var next = new ArrayList<JsonNode>();
            for (JsonNode node : nodes) {
                step.select(node, next);
            }
            nodes = next;
        }
        return nodes.isEmpty() ? null : nodes.get(0);
    }

    @Override
    public String toString() {
        return source;
    }

    private static Step name(String name) {
        return (node, out) -> {
            if (node.isObject() && node.has(name)) {
                out.add(node.get(name));
            }
        };
    }

    private static Step index(int index) {
        return (node, out) -> {
            if (node.isArray()) {
                int i = index < 0 ? node.size() + index : index;
                if (i >= 0 && i < node.size()) {
                    out.add(node.get(i));
                }
            }
        };
    }

    /** Shared cursor logic of both parsers. */
    private abstract static class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean at(String token) {
            return s.startsWith(token, pos);
        }

        boolean eat(String token) {
            if (at(token)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        void expect(String token) {
            if (!eat(token)) {
                throw fail("expected '" + token + "'");
            }
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void spaces() {
            while (pos < s.length() && " \t\n\r".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
        }

        IllegalArgumentException fail(String what) {
            return new IllegalArgumentException(
                    "invalid role claim key \"" + s + "\" at position " + (pos + 1) + ": " + what);
        }
    }

    /** RFC 9535 subset. */
    private static final class JsonPathParser extends Cursor {

        JsonPathParser(String s) {
            super(s);
        }

        List<Step> parse() {
            expect("$");
            var steps = new ArrayList<Step>();
            while (true) {
                spaces();
                if (pos >= s.length()) {
                    return steps;
                }
                steps.add(segment());
            }
        }

        private Step segment() {
            if (at("..")) {
                throw fail("descendant segments ('..') are not supported");
            }
            if (eat(".")) {
                return eat("*") ? wildcard() : name(shorthandName());
            }
            if (eat("[")) {
                var selectors = new ArrayList<Step>();
                do {
                    spaces();
                    selectors.add(selector());
                    spaces();
                } while (eat(","));
                expect("]");
                return selectors.size() == 1
                        ? selectors.get(0)
                        : (node, out) -> selectors.forEach(sel -> sel.select(node, out));
            }
            throw fail("expected '.' or '['");
        }

        private Step selector() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return name(stringLiteral());
            }
            if (eat("*")) {
                return wildcard();
            }
            if (eat("?")) {
                spaces();
                Filter filter = or();
                return (node, out) -> {
                    if (node.isArray()) {
                        node.forEach(child -> {
                            if (filter.test(child)) {
                                out.add(child);
                            }
                        });
                    } else if (node.isObject()) {
                        node.properties().forEach(e -> {
                            if (filter.test(e.getValue())) {
                                out.add(e.getValue());
                            }
                        });
                    }
                };
            }
            if (c == '-' || Character.isDigit(c)) {
                return index(integer());
            }
            throw fail("expected a name, an index, '*' or a filter");
        }

        private static Step wildcard() {
            return (node, out) -> {
                if (node.isArray() || node.isObject()) {
                    node.forEach(out::add);
                }
            };
        }

        private String shorthandName() {
            int start = pos;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                boolean ok = Character.isLetter(c) || c == '_' || c >= 0x80 || (pos > start && Character.isDigit(c));
                if (!ok) {
                    break;
                }
                pos++;
            }
            if (pos == start) {
                throw fail("expected a member name");
            }
            return s.substring(start, pos);
        }

        private int integer() {
            int start = pos;
            eat("-");
            while (Character.isDigit(peek())) {
                pos++;
            }
            if (at(":")) {
                throw fail("array slices are not supported");
            }
            try {
                return Integer.parseInt(s.substring(start, pos));
            } catch (NumberFormatException e) {
                throw fail("expected an integer");
            }
        }

        private String stringLiteral() {
            char quote = s.charAt(pos++);
            var out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw fail("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == quote) {
                    return out.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    switch (e) {
                        case 'b' -> out.append('\b');
                        case 'f' -> out.append('\f');
                        case 'n' -> out.append('\n');
                        case 'r' -> out.append('\r');
                        case 't' -> out.append('\t');
                        case 'u' -> {
                            if (pos + 4 > s.length()) {
                                throw fail("invalid \\u escape");
                            }
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                            pos += 4;
                        }
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
        }

        // Filters: a node is "missing" (null) when a relative query selects nothing.

        private interface Filter {
            boolean test(JsonNode current);
        }

        private interface Operand {
            JsonNode value(JsonNode current);
        }

        private Filter or() {
            Filter left = and();
            while (true) {
                spaces();
                if (!eat("||")) {
                    return left;
                }
                spaces();
                Filter l = left;
                Filter r = and();
                left = n -> l.test(n) || r.test(n);
            }
        }

        private Filter and() {
            Filter left = unary();
            while (true) {
                spaces();
                if (!eat("&&")) {
                    return left;
                }
                spaces();
                Filter l = left;
                Filter r = unary();
                left = n -> l.test(n) && r.test(n);
            }
        }

        private Filter unary() {
            if (eat("!")) {
                spaces();
                Filter inner = unary();
                return n -> !inner.test(n);
            }
            if (eat("(")) {
                spaces();
                Filter inner = or();
                spaces();
                expect(")");
                return inner;
            }
            if (at("search(") || at("match(")) {
                boolean full = at("match(");
                pos += full ? 6 : 7;
                spaces();
                Operand subject = operand();
                spaces();
                expect(",");
                spaces();
                Operand regex = operand();
                spaces();
                expect(")");
                return n -> regexTest(subject.value(n), regex.value(n), full);
            }
            Operand left = operand();
            spaces();
            for (String op : new String[] {"==", "!=", "<=", ">=", "<", ">"}) {
                if (eat(op)) {
                    spaces();
                    Operand right = operand();
                    BiPredicate<JsonNode, JsonNode> cmp = comparison(op);
                    return n -> cmp.test(left.value(n), right.value(n));
                }
            }
            return n -> left.value(n) != null; // existence test
        }

        private Operand operand() {
            char c = peek();
            if (c == '@') {
                pos++;
                var steps = new ArrayList<Step>();
                while (at(".") || at("[")) {
                    if (eat(".")) {
                        steps.add(name(shorthandName()));
                    } else {
                        pos++;
                        spaces();
                        steps.add(peek() == '\'' || peek() == '"' ? name(stringLiteral()) : index(integer()));
                        spaces();
                        expect("]");
                    }
                }
                return current -> {
                    JsonNode node = current;
                    for (Step step : steps) {
                        var out = new ArrayList<JsonNode>(1);
                        step.select(node, out);
                        if (out.isEmpty()) {
                            return null;
                        }
                        node = out.get(0);
                    }
                    return node;
                };
            }
            JsonNode literal;
            if (c == '\'' || c == '"') {
                literal = JsonNodeFactory.instance.textNode(stringLiteral());
            } else if (eat("true")) {
                literal = JsonNodeFactory.instance.booleanNode(true);
            } else if (eat("false")) {
                literal = JsonNodeFactory.instance.booleanNode(false);
            } else if (eat("null")) {
                literal = JsonNodeFactory.instance.nullNode();
            } else if (c == '-' || Character.isDigit(c)) {
                int start = pos;
                pos++;
                while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
                    pos++;
                }
                try {
                    literal = JsonNodeFactory.instance.numberNode(new BigDecimal(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw fail("invalid number");
                }
            } else {
                throw fail("expected '@', a literal or a function");
            }
            return current -> literal;
        }

        private static BiPredicate<JsonNode, JsonNode> comparison(String op) {
            return switch (op) {
                case "==" -> JsonPathParser::equal;
                case "!=" -> (a, b) -> !equal(a, b);
                case "<" -> JsonPathParser::less;
                case "<=" -> (a, b) -> less(a, b) || equal(a, b);
                case ">" -> (a, b) -> less(b, a);
                default -> (a, b) -> less(b, a) || equal(a, b);
            };
        }

        private static boolean equal(JsonNode a, JsonNode b) {
            if (a == null || b == null) {
                return a == b;
            }
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue()) == 0;
            }
            return a.equals(b);
        }

        private static boolean less(JsonNode a, JsonNode b) {
            if (a == null || b == null) {
                return false;
            }
            if (a.isNumber() && b.isNumber()) {
                return a.decimalValue().compareTo(b.decimalValue()) < 0;
            }
            return a.isTextual() && b.isTextual() && a.textValue().compareTo(b.textValue()) < 0;
        }

        private static boolean regexTest(JsonNode subject, JsonNode regex, boolean full) {
            if (subject == null || regex == null || !subject.isTextual() || !regex.isTextual()) {
                return false;
            }
            try {
                var m = Pattern.compile(regex.textValue()).matcher(subject.textValue());
                return full ? m.matches() : m.find();
            } catch (PatternSyntaxException e) {
                return false;
            }
        }
    }

    /** PostgREST ≤ 14 syntax; also writes the same key as a JSON Path. */
    private static final class LegacyParser extends Cursor {

        final StringBuilder jsonPath = new StringBuilder("$");

        LegacyParser(String s) {
            super(s);
        }

        List<Step> parse() {
            var steps = new ArrayList<Step>();
            do {
                steps.add(step());
            } while (pos < s.length());
            return steps;
        }

        private Step step() {
            if (eat(".")) {
                String name = peek() == '"' ? quoted() : key();
                jsonPath.append(name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : "[" + jsonString(name) + "]");
                return name(name);
            }
            if (eat("[?(")) {
                expect("@");
                spaces();
                int operatorStart = pos;
                BiPredicate<String, String> test = operator();
                String operator = s.substring(operatorStart, pos);
                spaces();
                String value = quoted();
                expect(")");
                expect("]");
                if (pos < s.length()) {
                    throw fail("a filter must be the last part of the key");
                }
                jsonPath.append("[?")
                        .append(
                                switch (operator) {
                                    case "==", "!=" -> "@ " + operator + " " + jsonString(value);
                                    case "^==" -> "search(@, " + jsonString("^" + regexLiteral(value)) + ")";
                                    case "==^" -> "search(@, " + jsonString(regexLiteral(value) + "$") + ")";
                                    default -> "search(@, " + jsonString(regexLiteral(value)) + ")";
                                })
                        .append(']');
                return (node, out) -> {
                    if (node.isArray()) {
                        for (JsonNode e : node) {
                            if (e.isTextual() && test.test(e.textValue(), value)) {
                                out.add(e);
                                return;
                            }
                        }
                    }
                };
            }
            if (eat("[")) {
                int start = pos;
                while (Character.isDigit(peek())) {
                    pos++;
                }
                if (pos == start) {
                    throw fail("expected an array index");
                }
                int i = Integer.parseInt(s.substring(start, pos));
                expect("]");
                jsonPath.append('[').append(i).append(']');
                return index(i);
            }
            throw fail("expected '.' or '['");
        }

        private BiPredicate<String, String> operator() {
            if (eat("==^")) {
                return String::endsWith;
            }
            if (eat("==")) {
                return String::equals;
            }
            if (eat("!=")) {
                return (a, b) -> !a.equals(b);
            }
            if (eat("^==")) {
                return String::startsWith;
            }
            if (eat("*==")) {
                return String::contains;
            }
            throw fail("expected one of == != ^== ==^ *==");
        }

        private String key() {
            int start = pos;
            while (Character.isLetterOrDigit(peek()) || "_$@".indexOf(peek()) >= 0) {
                pos++;
            }
            if (pos == start) {
                throw fail("expected a key");
            }
            return s.substring(start, pos);
        }

        /** A double-quoted JSON Path string literal. */
        private static String jsonString(String v) {
            var out = new StringBuilder("\"");
            v.chars().forEach(c -> {
                if (c == '"' || c == '\\') {
                    out.append('\\').append((char) c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.append((char) c);
                }
            });
            return out.append('"').toString();
        }

        /** {@code v} matched literally by a regular expression. */
        private static String regexLiteral(String v) {
            var out = new StringBuilder();
            v.chars()
                    .forEach(c -> out.append("\\.^$|?*+()[]{}".indexOf(c) >= 0 ? "\\" : "")
                            .append((char) c));
            return out.toString();
        }

        private String quoted() {
            expect("\"");
            int end = s.indexOf('"', pos);
            if (end < 0) {
                throw fail("unterminated string");
            }
            String v = s.substring(pos, end);
            pos = end + 1;
            return v;
        }
    }
}
