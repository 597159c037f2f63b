package dev.pgapi.runtime.ops;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;

/**
 * The admin server's endpoints, PostgREST's: {@code /live}, {@code /ready} (200 or 503, empty bodies) and
 * {@code /metrics}; and pgapi's {@code /replicas}, the read replicas' state as JSON (see {@link Readiness#replicas()}).
 *
 * <p>Thin handlers rather than Helidon's health and metrics observers: Helidon's health endpoint answers an
 * up-check with 204 (or, with details, 200 and a JSON report) under {@code /observe/health/...}, where PostgREST's
 * probes answer 200 with an empty body; and Helidon's metrics tag every meter with its scope, where a plain
 * Micrometer registry gives exactly the series PostgREST's dashboards expect.
 */
final class AdminRoutes {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    private AdminRoutes() {}

    static void install(HttpRouting.Builder routing, Readiness readiness, Metrics metrics) {
        Handler live = (req, res) -> res.status(Status.OK_200).send();
        Handler ready = (req, res) -> res.status(readiness.ready() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503)
                .send();
        routing.get("/live", live).head("/live", live);
        routing.get("/ready", ready).head("/ready", ready);
        routing.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, PROMETHEUS_TEXT);
            res.send(metrics.scrape());
        });
        routing.get("/replicas", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, JSON);
            res.send(readiness.replicas());
        });
    }
}
