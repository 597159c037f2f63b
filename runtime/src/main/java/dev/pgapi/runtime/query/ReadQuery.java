package dev.pgapi.runtime.query;

import java.util.List;
import java.util.Map;

/**
 * A parsed read request: the select tree and, per level, its filters, order and paging. Level keys are embed paths
 * as the client wrote them ({@code []} is the top level, {@code ["tasks"]} the level of {@code tasks(...)},
 * {@code ["projects", "tasks"]} one deeper); a path names an embed by alias or by relation name.
 *
 * @param select             the select list
 * @param levels             parameters per level; the top level is always present
 * @param legacyTargetNames  {@code url-use-legacy-target-names}: a path may name an aliased embed by its relation
 */
public record ReadQuery(List<SelectItem> select, Map<List<String>, Level> levels, boolean legacyTargetNames) {

    public ReadQuery {
        select = List.copyOf(select);
        levels = Map.copyOf(levels);
    }

    /** A query with PostgREST's default legacy target names. */
    public ReadQuery(List<SelectItem> select, Map<List<String>, Level> levels) {
        this(select, levels, true);
    }

    /** A query on one level only. */
    public ReadQuery(List<SelectItem> select, List<Condition> where, List<OrderTerm> order, Long limit, long offset) {
        this(select, Map.of(List.of(), new Level(where, order, limit, offset)));
    }

    /**
     * Parameters of one level.
     *
     * @param where   conditions ANDed together
     * @param order   order terms
     * @param limit   {@code limit=}, or null
     * @param offset  {@code offset=}, 0 when absent
     */
    public record Level(List<Condition> where, List<OrderTerm> order, Long limit, long offset) {
        public static final Level EMPTY = new Level(List.of(), List.of(), null, 0);

        public Level {
            where = List.copyOf(where);
            order = List.copyOf(order);
        }
    }

    public Level root() {
        return levels.getOrDefault(List.of(), Level.EMPTY);
    }

    public Level level(List<String> path) {
        return levels.getOrDefault(path, Level.EMPTY);
    }

    public List<Condition> where() {
        return root().where();
    }

    public List<OrderTerm> order() {
        return root().order();
    }

    public Long limit() {
        return root().limit();
    }

    public long offset() {
        return root().offset();
    }

    /** The same query with other top-level paging (the {@code Range} header intersected with limit/offset). */
    public ReadQuery withRootPaging(Long limit, long offset) {
        var copy = new java.util.HashMap<>(levels);
        Level r = root();
        copy.put(List.of(), new Level(r.where(), r.order(), limit, offset));
        return new ReadQuery(select, copy, legacyTargetNames);
    }
}
