package dev.pgapi.runtime.query;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sorts the query parameters of a read into select, filters, logic trees, order and paging, as PostgREST does. */
public final class ReadQueryParser {

    private static final Pattern RANGE = Pattern.compile("^(\\d+)-(\\d*)$");

    /** Parameters that are never filters. */
    private static final Set<String> RESERVED = Set.of("select", "columns", "on_conflict");

    private ReadQueryParser() {}

    /** Parses with aggregates disabled, PostgREST's default. */
    public static ReadQuery parse(List<QueryString.Param> params) {
        return parse(params, false);
    }

    /** Parses with PostgREST's legacy target names ({@code url-use-legacy-target-names = true}, its default). */
    public static ReadQuery parse(List<QueryString.Param> params, boolean aggregatesEnabled) {
        return parse(params, aggregatesEnabled, true);
    }

    /**
     * Parses the parameters of a read.
     *
     * @param aggregatesEnabled  {@code db-aggregates-enabled}; when false an aggregate in {@code select} is PGRST123
     * @param legacyTargetNames  {@code url-use-legacy-target-names}: filters, orders and limits may also name an
     *                           aliased embed by its relation; when false only by its alias
     */
    public static ReadQuery parse(
            List<QueryString.Param> params, boolean aggregatesEnabled, boolean legacyTargetNames) {
        List<SelectItem> select = List.of(new SelectItem.Star());
        var levels = new LinkedHashMap<List<String>, MutableLevel>();
        levels.put(List.of(), new MutableLevel());
        for (QueryString.Param p : params) {
            String key = p.key();
            if (key.equals("select")) {
                select = Grammar.select(p.value());
                continue;
            }
            if (RESERVED.contains(key)) {
                continue;
            }
            List<String> path = embedPath(key);
            String last = path.getLast();
            List<String> embeds = path.subList(0, path.size() - 1);
            boolean negatedTree = false;
            if ((last.equals("or") || last.equals("and"))
                    && !embeds.isEmpty()
                    && embeds.getLast().equals("not")) {
                embeds = embeds.subList(0, embeds.size() - 1);
                negatedTree = true;
            }
            MutableLevel level = levels.computeIfAbsent(List.copyOf(embeds), k -> new MutableLevel());
            switch (last) {
                case "order" -> level.order = Grammar.order(p.value());
                case "limit" -> level.limit = nonNegativeLimit(p.value(), level.limit);
                case "offset" -> level.offset = offset(p.value(), level.offset);
                case "or", "and" -> level.where.add(Grammar.logic(last.equals("and"), negatedTree, p.value()));
                default -> level.where.add(Grammar.filter(Grammar.filterField(last), p.value()));
            }
        }
        if (!aggregatesEnabled && hasAggregate(select)) {
            throw ApiErrors.aggregatesNotAllowed();
        }
        var result = new LinkedHashMap<List<String>, ReadQuery.Level>();
        for (var e : levels.entrySet()) {
            checkEmbedded(select, e.getKey(), legacyTargetNames);
            MutableLevel l = e.getValue();
            result.put(e.getKey(), new ReadQuery.Level(l.where, l.order, l.limit, l.offset));
        }
        return new ReadQuery(select, result, legacyTargetNames);
    }

    private static final class MutableLevel {
        final List<Condition> where = new ArrayList<>();
        List<OrderTerm> order = List.of();
        Long limit;
        long offset;
    }

    private static boolean hasAggregate(List<SelectItem> items) {
        for (SelectItem item : items) {
            boolean found = switch (item) {
                case SelectItem.Column c -> c.aggregate() != null;
                case SelectItem.Embed e -> hasAggregate(e.items());
                case SelectItem.Star star -> false;
            };
            if (found) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code Range} header of a GET ({@code from-[to]}, or null) applied to the root's paging: intersected with
     * {@code limit}/{@code offset}; {@code 1-0} is PGRST103; other values are ignored, as PostgREST ignores them.
     */
    public static ReadQuery withRange(ReadQuery query, String header) {
        if (header == null) {
            return query;
        }
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches()) {
            return query;
        }
        long from;
        Long to;
        try {
            from = Long.parseLong(m.group(1));
            to = m.group(2).isEmpty() ? null : Long.valueOf(m.group(2));
        } catch (NumberFormatException e) {
            return query;
        }
        if (to != null && from > to) {
            throw ApiErrors.rangeBoundsInverted();
        }
        long lower = Math.max(query.offset(), from);
        Long upper = query.limit() == null ? null : query.offset() + query.limit() - 1;
        if (to != null) {
            upper = upper == null ? to : Math.min(upper, to);
        }
        Long limit = upper == null ? null : Math.max(0, upper - lower + 1);
        return query.withRootPaging(limit, lower);
    }

    /**
     * The aliased embeds that filters, orders or limits name by their relation (PostgREST's legacy target names),
     * as relation name → alias, ordered by the parameters' paths; the response warns about them.
     */
    public static Map<String, String> legacyTargetNames(ReadQuery query) {
        var found = new LinkedHashMap<String, String>();
        if (!query.legacyTargetNames()) {
            return found;
        }
        var paths = new ArrayList<>(query.levels().keySet());
        paths.sort(Comparator.comparing(p -> String.join(".", p)));
        for (List<String> path : paths) {
            List<SelectItem> items = query.select();
            for (String step : path) {
                SelectItem.Embed byName = null;
                SelectItem.Embed byRelation = null;
                for (SelectItem item : items) {
                    if (item instanceof SelectItem.Embed e) {
                        String name = e.alias() != null ? e.alias() : e.relation();
                        if (byName == null && name.equals(step)) {
                            byName = e;
                        } else if (byRelation == null && e.relation().equals(step)) {
                            byRelation = e;
                        }
                    }
                }
                if (byName == null && byRelation == null) {
                    break;
                }
                if (byName == null) {
                    found.putIfAbsent(byRelation.relation(), byRelation.alias());
                }
                items = (byName != null ? byName : byRelation).items();
            }
        }
        return found;
    }

    /**
     * PGRST108 unless every step of {@code path} names an embed of the level above: by alias or relation name, or
     * without legacy target names by its alias (its relation name when it has none).
     */
    private static void checkEmbedded(List<SelectItem> select, List<String> path, boolean legacyTargetNames) {
        List<SelectItem> items = select;
        for (String step : path) {
            SelectItem.Embed found = null;
            SelectItem.Embed byRelation = null;
            for (SelectItem item : items) {
                if (item instanceof SelectItem.Embed e) {
                    if (step.equals(e.alias() != null ? e.alias() : e.relation())) {
                        found = e;
                        break;
                    }
                    if (byRelation == null && step.equals(e.relation())) {
                        byRelation = e;
                    }
                }
            }
            if (found == null && byRelation != null && legacyTargetNames) {
                found = byRelation;
            }
            if (found == null) {
                if (byRelation != null) {
                    throw ApiErrors.targetNameAliased(step, byRelation.alias());
                }
                throw notEmbedded(step);
            }
            items = found.items();
        }
    }

    /**
     * Splits {@code rel.sub.field} into its dots; a JSON path's arrows stay with the field. Quoted names keep their
     * dots.
     */
    static List<String> embedPath(String key) {
        var parts = new ArrayList<String>();
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                parts.add(key.substring(start, i));
                start = i + 1;
            } else if (c == '-' && i + 1 < key.length() && key.charAt(i + 1) == '>') {
                break;
            }
        }
        parts.add(key.substring(start));
        return parts;
    }

    private static ApiError notEmbedded(String name) {
        return ApiErrors.notEmbedded(name);
    }

    /** A negative limit is an error; a non-numeric one is ignored, like PostgREST. */
    private static Long nonNegativeLimit(String value, Long previous) {
        Long n = parseLong(value);
        if (n == null) {
            return previous;
        }
        if (n < 0) {
            throw ApiErrors.negativeLimit();
        }
        return n;
    }

    /** Negative and non-numeric offsets are ignored, like PostgREST. */
    private static long offset(String value, long previous) {
        Long n = parseLong(value);
        return n == null || n < 0 ? previous : n;
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
