package dev.pgapi.generator.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the origin of each output column from a view's stored query tree ({@code pg_rewrite.ev_action}, the
 * {@code nodeToString} text form). The parser marks every top-level target entry that is a plain column reference with
 * {@code resorigtbl}/{@code resorigcol}, also through joins and subqueries; this is what PostgREST relies on too.
 * Computed columns have no origin.
 */
final class QueryTreeOrigins {

    /** A relation oid and attribute number. */
    record Origin(long relation, int column) {}

    private record Token(String text, boolean punctuation) {
        boolean is(String s) {
            return punctuation && text.equals(s);
        }

        boolean isOpen() {
            return is("(") || is("{");
        }

        boolean isClose() {
            return is(")") || is("}");
        }
    }

    private QueryTreeOrigins() {}

    /** Output column number ({@code resno}, equal to the view's {@code attnum}) to origin, for columns that have one. */
    static Map<Integer, Origin> parse(String nodeTree) {
        List<Token> tokens = tokenize(nodeTree);
        Map<Integer, Origin> origins = new HashMap<>();
        int depth = 0;
        int queryDepth = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isOpen()) {
                depth++;
            } else if (t.isClose()) {
                depth--;
            } else if (queryDepth < 0
                    && t.text.equals("QUERY")
                    && i > 0
                    && tokens.get(i - 1).is("{")) {
                queryDepth = depth;
            } else if (depth == queryDepth
                    && t.text.equals(":targetList")
                    && i + 1 < tokens.size()
                    && tokens.get(i + 1).is("(")) {
                readTargetList(tokens, i + 1, origins);
                break;
            }
        }
        return origins;
    }

    /** {@code start} points at the list's opening parenthesis. */
    private static void readTargetList(List<Token> tokens, int start, Map<Integer, Origin> origins) {
        int depth = 0;
        Map<String, String> fields = new HashMap<>();
        for (int i = start; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isOpen()) {
                depth++;
            } else if (t.isClose()) {
                depth--;
                if (depth == 1) { // a target entry ended
                    addOrigin(fields, origins);
                    fields.clear();
                } else if (depth == 0) {
                    return;
                }
            } else if (depth == 2
                    && t.text.startsWith(":")
                    && i + 1 < tokens.size()
                    && !tokens.get(i + 1).punctuation) {
                fields.put(t.text, tokens.get(i + 1).text);
            }
        }
    }

    private static void addOrigin(Map<String, String> entry, Map<Integer, Origin> origins) {
        String table = entry.get(":resorigtbl");
        String column = entry.get(":resorigcol");
        String resno = entry.get(":resno");
        if (table == null || column == null || resno == null || "true".equals(entry.get(":resjunk"))) {
            return;
        }
        long relation = Long.parseLong(table);
        if (relation != 0) {
            origins.put(Integer.parseInt(resno), new Origin(relation, Integer.parseInt(column)));
        }
    }

    /** Splits on whitespace and the four brackets; a backslash makes the next character literal. */
    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inToken = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                current.append(s.charAt(++i));
                inToken = true;
            } else if (Character.isWhitespace(ch) || "(){}".indexOf(ch) >= 0) {
                if (inToken) {
                    tokens.add(new Token(current.toString(), false));
                    current.setLength(0);
                    inToken = false;
                }
                if (!Character.isWhitespace(ch)) {
                    tokens.add(new Token(String.valueOf(ch), true));
                }
            } else {
                current.append(ch);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(new Token(current.toString(), false));
        }
        return tokens;
    }
}
