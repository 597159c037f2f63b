package dev.pgapi.runtime.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parsers for PostgREST's query parameters: {@code select}, filters, logic trees and {@code order}. */
public final class Grammar {

    private static final String OPERATOR_EXPECTED = "\"not\" or operator (eq, gt, ...)";

    /** Aggregate functions {@code col.fn()} may apply. */
    private static final List<String> AGGREGATES = List.of("sum", "avg", "max", "min", "count");

    private Grammar() {}

    /** {@code select=}; an empty value means {@code *}. */
    public static List<SelectItem> select(String value) {
        var s = new Scanner(value, "select parameter");
        if (value.isBlank()) {
            return List.of(new SelectItem.Star());
        }
        List<SelectItem> items = selectList(s);
        if (!s.atEnd()) {
            throw s.error("\",\" or end of input");
        }
        return items;
    }

    private static List<SelectItem> selectList(Scanner s) {
        var items = new ArrayList<SelectItem>();
        do {
            s.skipBlanks();
            items.add(selectItem(s));
            s.skipBlanks();
        } while (s.accept(","));
        return items;
    }

    private static SelectItem selectItem(Scanner s) {
        if (s.accept("*")) {
            return new SelectItem.Star();
        }
        if (s.accept("...")) {
            return embed(s, null, s.name(), true);
        }
        String alias = null;
        int start = s.pos;
        String first = s.name();
        if (s.lookingAt(":") && !s.lookingAt("::")) {
            s.pos++;
            alias = first;
            start = s.pos;
            first = s.name();
        }
        if (first.equals("count") && s.accept("()")) {
            // PostgREST reads count() as the aggregate, never as an embed named count
            return new SelectItem.Column(Field.of("*"), alias, null, "count", aggregateCast(s));
        }
        if (s.lookingAt("(") || s.lookingAt("!")) {
            return embed(s, alias, first, false);
        }
        s.pos = start;
        Field field = s.field();
        String cast = null;
        if (s.accept("::")) {
            cast = typeName(s);
        }
        String aggregate = aggregate(s);
        if (aggregate == null) {
            return new SelectItem.Column(field, alias, cast);
        }
        return new SelectItem.Column(field, alias, cast, aggregate, aggregateCast(s));
    }

    /** {@code .fn()} after a column, or null when none follows. */
    private static String aggregate(Scanner s) {
        for (String fn : AGGREGATES) {
            if (s.accept("." + fn + "()")) {
                return fn;
            }
        }
        return null;
    }

    private static String aggregateCast(Scanner s) {
        return s.accept("::") ? typeName(s) : null;
    }

    private static SelectItem embed(Scanner s, String alias, String relation, boolean spread) {
        String hint = null;
        String joinType = null;
        while (s.accept("!")) {
            String word = s.name();
            if (word.equals("inner") || word.equals("left")) {
                joinType = word;
            } else if (hint == null) {
                hint = word;
            } else {
                throw s.error("\"inner\" or \"left\"");
            }
        }
        s.expect("(");
        s.skipBlanks();
        List<SelectItem> items = s.lookingAt(")") ? List.of() : selectList(s);
        s.expect(")");
        return new SelectItem.Embed(relation, alias, hint, joinType, spread, items);
    }

    private static String typeName(Scanner s) {
        int start = s.pos;
        while (!s.atEnd() && (Scanner.isNameChar(s.peek()))) {
            s.pos++;
        }
        if (s.pos == start) {
            throw s.error("type name");
        }
        return s.input.substring(start, s.pos).strip();
    }

    /** The value of a filter parameter {@code field=<value>}: {@code [not.]op[(mod)].value}. */
    public static Condition.Filter filter(Field field, String value) {
        var s = new Scanner(value, "filter");
        return operation(s, field, false);
    }

    /** The field part of a filter parameter's key, e.g. {@code data->>x}. */
    public static Field filterField(String key) {
        var s = new Scanner(key, "filter");
        Field field = s.field();
        if (!s.atEnd()) {
            throw s.error("\"->\" or end of input");
        }
        return field;
    }

    private static Condition.Filter operation(Scanner s, Field field, boolean inTree) {
        boolean negated = s.accept("not.");
        int opStart = s.pos;
        while (!s.atEnd() && Character.isLetter(s.peek())) {
            s.pos++;
        }
        Optional<Operator> op = Operator.byKeyword(s.input.substring(opStart, s.pos));
        if (op.isEmpty()) {
            s.pos = opStart;
            throw s.error(negated ? "operator (eq, gt, ...)" : OPERATOR_EXPECTED);
        }
        Operator operator = op.get();
        String quantifier = null;
        String language = null;
        if (s.lookingAt("(")) {
            int parenStart = s.pos;
            s.pos++;
            int wordStart = s.pos;
            while (!s.atEnd() && s.peek() != ')') {
                s.pos++;
            }
            String word = s.input.substring(wordStart, s.pos);
            s.expect(")");
            if (operator.quantifiable() && (word.equals("any") || word.equals("all"))) {
                quantifier = word;
            } else if (operator.isFullTextSearch() && !word.isEmpty()) {
                language = word;
            } else {
                s.pos = parenStart;
                throw s.error("\".\"");
            }
        }
        s.expect(".");
        return operand(s, field, negated, operator, quantifier, language, inTree);
    }

    private static Condition.Filter operand(
            Scanner s,
            Field field,
            boolean negated,
            Operator operator,
            String quantifier,
            String language,
            boolean inTree) {
        int start = s.pos;
        if (operator == Operator.IN) {
            List<String> values = s.list('(', ')');
            return new Condition.Filter(field, negated, operator, null, null, s.input.substring(start, s.pos), values);
        }
        if (quantifier != null) {
            List<String> values = s.list('{', '}');
            return new Condition.Filter(
                    field, negated, operator, quantifier, null, s.input.substring(start, s.pos), values);
        }
        String value = inTree ? treeValue(s) : s.input.substring(s.pos);
        if (!inTree) {
            s.pos = s.input.length();
        }
        if (operator == Operator.IS) {
            String keyword = value.toLowerCase(Locale.ROOT);
            if (!List.of("null", "not_null", "true", "false", "unknown").contains(keyword)) {
                s.pos = start;
                throw s.error("null or trilean value (unknown, true, false)");
            }
            value = keyword;
        }
        return new Condition.Filter(field, negated, operator, quantifier, language, value, List.of());
    }

    /** A value inside a logic tree ends at {@code ,} or {@code )} unless quoted or braced. */
    private static String treeValue(Scanner s) {
        if (!s.atEnd() && s.peek() == '"') {
            return s.quoted();
        }
        int start = s.pos;
        int depth = 0;
        while (!s.atEnd()) {
            char c = s.peek();
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ')')) {
                break;
            }
            s.pos++;
        }
        return s.input.substring(start, s.pos);
    }

    /** The value of {@code or=} / {@code and=} (also {@code not.or=}): a parenthesised list of conditions. */
    public static Condition.Logic logic(boolean conjunction, boolean negated, String value) {
        var s = new Scanner(value, "logic tree");
        Condition.Logic tree = logicBody(s, conjunction, negated);
        if (!s.atEnd()) {
            throw s.error("end of input");
        }
        return tree;
    }

    private static Condition.Logic logicBody(Scanner s, boolean conjunction, boolean negated) {
        s.expect("(");
        var children = new ArrayList<Condition>();
        do {
            s.skipBlanks();
            children.add(treeItem(s));
            s.skipBlanks();
        } while (s.accept(","));
        s.expect(")");
        return new Condition.Logic(conjunction, negated, children);
    }

    private static Condition treeItem(Scanner s) {
        int start = s.pos;
        boolean negated = s.accept("not.");
        for (String word : List.of("and", "or")) {
            if (s.lookingAt(word + "(")) {
                s.pos += word.length();
                return logicBody(s, word.equals("and"), negated);
            }
        }
        s.pos = start;
        if (s.atEnd() || s.peek() == ')') {
            throw s.error("field name (* or [a..z0..9_$])");
        }
        Field field = s.field();
        s.expect(".");
        return operation(s, field, true);
    }

    /** {@code order=col[.asc|.desc][.nullsfirst|.nullslast],...}; a term may be {@code rel(col)} (related order). */
    public static List<OrderTerm> order(String value) {
        var s = new Scanner(value, "order");
        var terms = new ArrayList<OrderTerm>();
        do {
            s.skipBlanks();
            Field field = s.field();
            String relation = null;
            if (field.path().isEmpty() && s.accept("(")) {
                relation = field.name();
                field = s.field();
                s.expect(")");
            }
            boolean descending = false;
            String nulls = null;
            if (s.accept(".asc")) {
                descending = false;
            } else if (s.accept(".desc")) {
                descending = true;
            }
            if (s.accept(".nullsfirst")) {
                nulls = "FIRST";
            } else if (s.accept(".nullslast")) {
                nulls = "LAST";
            }
            terms.add(new OrderTerm(relation, field, descending, nulls));
            s.skipBlanks();
        } while (s.accept(","));
        if (!s.atEnd()) {
            throw s.error("\",\" or end of input");
        }
        return terms;
    }
}
