package dev.pgapi.runtime.query;

import java.util.List;

/**
 * A parsed read request on one relation (top level only; embedded levels arrive with embedding).
 *
 * @param select   the select list
 * @param where    conditions ANDed together
 * @param order    order terms
 * @param limit    {@code limit=}, or null
 * @param offset   {@code offset=}, 0 when absent
 */
public record ReadQuery(List<SelectItem> select, List<Condition> where, List<OrderTerm> order, Long limit,
                        long offset) {
    public ReadQuery {
        select = List.copyOf(select);
        where = List.copyOf(where);
        order = List.copyOf(order);
    }
}
