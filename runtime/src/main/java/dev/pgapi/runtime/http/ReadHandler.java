package dev.pgapi.runtime.http;

import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.error.ApiErrors;
import dev.pgapi.runtime.query.QueryString;
import dev.pgapi.runtime.query.ReadPlanner;
import dev.pgapi.runtime.query.ReadQuery;
import dev.pgapi.runtime.query.ReadQueryParser;
import dev.pgapi.runtime.query.ReadSource;
import dev.pgapi.runtime.query.RelationLookup;
import dev.pgapi.runtime.query.SelectItem;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.ReadPlan;
import dev.pgapi.runtime.query.plan.Shape;
import dev.pgapi.runtime.query.render.ReadRenderer;
import dev.pgapi.runtime.schema.RelationInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** {@code GET}/{@code HEAD /<relation>}: negotiation, paging, counts and PostgREST's response headers. */
final class ReadHandler {

    static final String VARY = "Accept, Prefer, Range";
    /** The agent PostgREST 16.2 names in its {@code Warning} headers: {@code PostgRESTv}, major.minor version. */
    private static final String WARNING_AGENT = "PostgRESTv16.2";

    private final RequestRunner runner;

    ReadHandler(RequestRunner runner) {
        this.runner = runner;
    }

    /** {@code relations}: the targets embedding may reach. */
    void read(RelationInfo relation, RelationLookup relations, ServerRequest req, ServerResponse res) {
        runner.handle(req, scope -> {
            boolean head = req.prologue().method() == Method.HEAD;
            Preferences prefs = Preferences.of(req);
            List<QueryString.Param> params = QueryString.parse(req.query().rawValue());
            ReadQuery query = runner.parseRead(params);
            // after parsing, as PostgREST negotiates: a relation's own handlers need the default select
            Negotiation.Media media = Negotiation.negotiate(
                    req.headers(),
                    runner.config().dbPlanEnabled(),
                    new Negotiation.Handlers(relation.mediaHandlers(), defaultSelect(query)));
            if (req.prologue().method() == Method.GET) {
                query = ReadQueryParser.withRange(
                        query, req.headers().first(HeaderNames.create("Range")).orElse(null));
            }
            scope.parsed();
            Integer maxRowsSetting = runner.config().dbMaxRows();
            Long maxRows = maxRowsSetting == null ? null : maxRowsSetting.longValue();
            Preferences.Count count = prefs.count();
            ReadSource source = ReadSource.relation(relation);
            boolean estimated = count == Preferences.Count.ESTIMATED;
            ReadPlan plan = ReadPlanner.plan(
                    source,
                    query,
                    relations,
                    new ReadPlanner.Options(
                            maxRows,
                            head ? Shape.NONE : media.shape(),
                            count == Preferences.Count.EXACT || estimated,
                            estimated && maxRows != null ? maxRows + 1 : null,
                            head ? null : media.handler()));
            Sql main = ReadRenderer.statement(plan);
            if (media.plan() != null) {
                media.plan()
                        .send(
                                runner,
                                req,
                                res,
                                runner.execute(
                                        req,
                                        scope,
                                        relation.schema(),
                                        true,
                                        media.plan().explain(main),
                                        runner.transactionEnd(prefs),
                                        null),
                                head);
                return;
            }
            Sql explain = count == Preferences.Count.PLANNED || estimated ? ReadRenderer.explainCount(plan) : null;
            QueryResult result = runner.executeWithExplain(
                    req, scope, relation.schema(), true, main, explain, runner.transactionEnd(prefs));
            Long total = total(count, result, maxRows);
            long rows = result.pageTotal();
            media.requireOne(rows);
            long lower = query.offset();
            long upper = lower + rows - 1;
            if (total != null && lower > total) {
                throw ApiErrors.offsetBeyondTotal(lower, total);
            }
            int status = total != null && (1 + upper - lower) < total ? 206 : 200;
            var headers = new ArrayList<Map.Entry<String, String>>();
            headers.add(Map.entry("Content-Range", contentRange(lower, upper, total)));
            headers.add(Map.entry("Content-Location", contentLocation(relation.name(), params)));
            String applied = prefs.applied(Operation.READ, runner.txOverridable());
            if (!applied.isEmpty()) {
                headers.add(Map.entry("Preference-Applied", applied));
            }
            String warning = legacyTargetNamesWarning(query);
            if (warning != null) {
                headers.add(Map.entry("Warning", warning));
            }
            runner.send(req, res, result, status, media.contentType(), headers, head);
        });
    }

    /** PostgREST's "default select": every column, nothing embedded ({@code select} absent or {@code *}). */
    static boolean defaultSelect(ReadQuery query) {
        return query.select().equals(List.of(new SelectItem.Star()));
    }

    /** PostgREST's deprecation warning when an aliased embed is filtered, ordered or limited by its relation name. */
    static String legacyTargetNamesWarning(ReadQuery query) {
        Map<String, String> names = ReadQueryParser.legacyTargetNames(query);
        if (names.isEmpty()) {
            return null;
        }
        var replacements = new ArrayList<String>();
        names.forEach((relation, alias) -> replacements.add("`" + relation + "` to `" + alias + "`"));
        return "299 " + WARNING_AGENT + " \"Embedded resource was referenced by relation name even though it has an"
                + " alias. This is deprecated and will stop working in a future release. Update "
                + String.join(", ", replacements) + " in query string filters, orders or limits.\"";
    }

    private static Long total(Preferences.Count count, QueryResult result, Long maxRows) {
        if (count == null) {
            return null;
        }
        return switch (count) {
            case EXACT -> result.total();
            case PLANNED -> result.plannedTotal();
            // PostgREST: the exact count (stopped one past db-max-rows) when it stays within db-max-rows, else the
            // larger of it and the planner's estimate; without db-max-rows always the larger of the two
            case ESTIMATED ->
                maxRows != null && result.total() <= maxRows
                        ? result.total()
                        : result.plannedTotal() == null ? null : Math.max(result.total(), result.plannedTotal());
        };
    }

    /** {@code first-last/total}; {@code *} for the range without rows or with a zero total. */
    static String contentRange(long lower, long upper, Long total) {
        String totalText = total == null ? "*" : Long.toString(total);
        boolean rows = lower <= upper && (total == null || total != 0);
        return rows ? lower + "-" + upper + "/" + totalText : "*/" + totalText;
    }

    /** {@code /<table>?<params sorted by name, same names merged with commas, re-encoded>}, like PostgREST. */
    static String contentLocation(String relation, List<QueryString.Param> params) {
        String path = "/" + encode(relation);
        if (params.isEmpty()) {
            return path;
        }
        // a stable sort keeps the values of one name in request order; runs of one name merge with commas
        QueryString.Param[] sorted = params.toArray(new QueryString.Param[0]);
        if (sorted.length > 1) {
            Arrays.sort(sorted, Comparator.comparing(QueryString.Param::key));
        }
        var out = new StringBuilder(path.length() + 16 * sorted.length).append(path);
        for (int i = 0; i < sorted.length; i++) {
            boolean sameName = i > 0 && sorted[i].key().equals(sorted[i - 1].key());
            if (sameName) {
                out.append(',');
            } else {
                out.append(i == 0 ? '?' : '&').append(encode(sorted[i].key())).append('=');
            }
            out.append(encode(sorted[i].value()));
        }
        return out.toString();
    }

    /** Percent-encodes everything but letters, digits and {@code -_.~}. */
    private static String encode(String s) {
        if (unreserved(s)) {
            return s;
        }
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** Nothing to encode: the common case ({@code id=eq.42}), answered without the encoder's copies. */
    private static boolean unreserved(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
