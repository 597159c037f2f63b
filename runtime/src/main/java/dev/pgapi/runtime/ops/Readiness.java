package dev.pgapi.runtime.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pgapi.runtime.db.Databases;
import dev.pgapi.runtime.http.ApiRuntime;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * PostgREST's {@code /ready}: the database is reachable (the role settings and the in-database configuration are
 * read; requests would not fail fast with 503), it answers on a pooled connection, and the service is not shutting
 * down (a shutdown turns readiness off first, so load balancers stop sending requests before the listeners close).
 *
 * <p>"The database" is the primary ({@code db-uri}): with it the service can serve every request, since reads fall
 * back to it when no read replica is in rotation. A replica that is down or lagging therefore does not make the
 * service unready (taking every instance out of a load balancer because a replica failed would turn a slower read
 * path into an outage); {@link #replicas()} reports the replicas' state instead.
 */
final class Readiness {

    /** Within a container probe's usual one-second budget. */
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(800);

    private static final JsonFactory JSON = new JsonFactory();

    private final ApiRuntime runtime;
    private volatile boolean shuttingDown;

    Readiness(ApiRuntime runtime) {
        this.runtime = runtime;
    }

    boolean ready() {
        return !shuttingDown
                && runtime.configured()
                && runtime.database().reachable()
                && runtime.database().answersWithin(CHECK_TIMEOUT);
    }

    /**
     * Each read replica as of its last health check, in {@code db-read-uris} order: {@code replica} (host:port/db,
     * the name its metrics carry), {@code in_rotation}, {@code lag_seconds} (null when unknown: down or not a
     * standby) and {@code problem} (why it is out of rotation, null while in). An empty array without replicas.
     */
    String replicas() {
        Databases databases = runtime.databases();
        List<String> names = databases.replicaNames();
        var out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (int i = 0; i < names.size(); i++) {
                json.writeStartObject();
                json.writeStringField("replica", names.get(i));
                json.writeBooleanField("in_rotation", databases.replicaInRotation(i) == 1);
                double lag = databases.replicaLagSeconds(i);
                json.writeFieldName("lag_seconds");
                if (Double.isNaN(lag)) {
                    json.writeNull();
                } else {
                    json.writeNumber(Math.round(lag * 1000) / 1000.0);
                }
                json.writeStringField("problem", databases.replicaProblem(i));
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    void shuttingDown() {
        shuttingDown = true;
    }
}
