package dev.pgapi.runtime.ops;

import dev.pgapi.runtime.db.Database;
import dev.pgapi.runtime.db.Databases;
import dev.pgapi.runtime.http.ApiRuntime;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The admin server's {@code /metrics}: PostgREST's pool and JWT cache metrics under PostgREST's names, requests by
 * endpoint kind and status, and the JVM's own metrics, in Prometheus' text format (Micrometer names
 * {@code pgrst.db.pool.available} {@code pgrst_db_pool_available}, and a counter {@code ..._total}).
 *
 * <p>Pool and cache figures are read from their owners when scraped; only the request timers are touched per
 * request, and each (kind, status) timer is registered once and then found in an array without locking.
 */
public final class Metrics implements AutoCloseable {

    /** The endpoint kinds requests are counted by. */
    public enum Kind {
        READ,
        WRITE,
        CALL,
        ROOT,
        OPTIONS,
        OTHER;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };
    private static final int STATUSES = 600;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Per endpoint kind (ordinal), per status: registered on first use, then read without locks. */
    private final List<AtomicReferenceArray<Timer>> timers;

    @SuppressWarnings("unchecked")
    private Metrics(Databases databases, ApiRuntime runtime) {
        Database database = databases.primary();
        Gauge.builder("pgrst.db.pool.available", database, Database::poolAvailable)
                .description("Open connections idle in the pool")
                .register(registry);
        Gauge.builder("pgrst.db.pool.waiting", database, Database::poolWaiting)
                .description("Requests waiting for a connection")
                .register(registry);
        Gauge.builder("pgrst.db.pool.max", database, Database::poolMax)
                .description("Maximum number of connections (db-pool)")
                .register(registry);
        FunctionCounter.builder("pgrst.db.pool.timeouts", database, Database::poolTimeouts)
                .description("Requests that got no connection within db-pool-acquisition-timeout")
                .register(registry);
        readReplicas(databases);
        FunctionCounter.builder(
                        "pgrst.jwt.cache.requests",
                        runtime,
                        r -> r.authenticator().cacheRequests())
                .description("Lookups of tokens in the JWT cache")
                .register(registry);
        FunctionCounter.builder(
                        "pgrst.jwt.cache.hits", runtime, r -> r.authenticator().cacheHits())
                .description("Lookups that found the token verified already")
                .register(registry);
        FunctionCounter.builder(
                        "pgrst.jwt.cache.evictions",
                        runtime,
                        r -> r.authenticator().cacheEvictions())
                .description("Tokens dropped to keep the cache within jwt-cache-max-entries")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        // how long the JIT has compiled: a service still compiling is not at its steady speed yet
        new JvmCompilationMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        var byKind = new ArrayList<AtomicReferenceArray<Timer>>();
        for (int i = 0; i < Kind.values().length; i++) {
            byKind.add(new AtomicReferenceArray<>(STATUSES));
        }
        timers = List.copyOf(byKind);
    }

    /**
     * The meters of {@code runtime}. The token cache's are read through it: a reload replaces the token verifier
     * and the new one continues the counts. (Micrometer holds the objects of function meters weakly: they must be
     * ones the service keeps.)
     */
    public static Metrics create(ApiRuntime runtime) {
        return new Metrics(runtime.databases(), runtime);
    }

    /**
     * Ours: where transactions ran ({@code pool="primary"} or a replica's {@code host:port/db}), and each replica's
     * state. PostgREST's {@code pgrst_db_pool_*} describe the primary's pool only.
     */
    private void readReplicas(Databases databases) {
        FunctionCounter.builder("pgapi.db.transactions", databases, Databases::primaryTransactions)
                .description("Request transactions by the pool they ran on")
                .tag("pool", "primary")
                .register(registry);
        List<String> names = databases.replicaNames();
        if (names.isEmpty()) {
            return;
        }
        FunctionCounter.builder("pgapi.db.read.primary", databases, Databases::readsOnPrimary)
                .description("READ ONLY transactions run on the primary: no replica in rotation, or Pgapi-Read: "
                        + "primary")
                .register(registry);
        FunctionCounter.builder("pgapi.db.read.retries", databases, Databases::replicaRetries)
                .description("Reads run once more on the primary after their replica failed")
                .register(registry);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            String name = names.get(i);
            FunctionCounter.builder("pgapi.db.transactions", databases, d -> d.replicaTransactions(index))
                    .description("Request transactions by the pool they ran on")
                    .tag("pool", name)
                    .register(registry);
            Gauge.builder("pgapi.db.replica.in.rotation", databases, d -> d.replicaInRotation(index))
                    .description("1 while the read replica serves reads, else 0")
                    .tag("replica", name)
                    .register(registry);
            Gauge.builder("pgapi.db.replica.lag.seconds", databases, d -> d.replicaLagSeconds(index))
                    .description("The replica's replay lag behind the primary at the last check (NaN: unknown)")
                    .tag("replica", name)
                    .register(registry);
            Gauge.builder("pgapi.db.replica.pool.available", databases, d -> d.replicaPoolAvailable(index))
                    .description("Open connections idle in the replica's pool")
                    .tag("replica", name)
                    .register(registry);
            Gauge.builder("pgapi.db.replica.pool.max", databases, d -> d.replicaPoolMax(index))
                    .description("Maximum number of connections to the replica (db-pool)")
                    .tag("replica", name)
                    .register(registry);
        }
    }

    /** Counts one request that took {@code nanos} and was answered with {@code status}. */
    public void request(Kind kind, int status, long nanos) {
        int code = status >= 100 && status < STATUSES ? status : 0;
        AtomicReferenceArray<Timer> byStatus = timers.get(kind.ordinal());
        Timer timer = byStatus.get(code);
        if (timer == null) {
            timer = Timer.builder("pgapi.http.requests")
                    .description("Requests by endpoint kind and response status")
                    .tags("kind", kind.tag, "status", code == 0 ? "other" : Integer.toString(code))
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry); // returns the same timer to a concurrent first use
            byStatus.set(code, timer);
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Every metric in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
