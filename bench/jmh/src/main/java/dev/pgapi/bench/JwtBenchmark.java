package dev.pgapi.bench;

import dev.pgapi.runtime.auth.AuthResult;
import dev.pgapi.runtime.auth.JwtAuthenticator;
import dev.pgapi.runtime.config.RuntimeConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code JwtAuthenticator.authenticate} for an HS256 token, with the token cache and without it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JwtBenchmark {

    private static final String SECRET = "reallyreallyreallyreallyverysafe-example-secret-0123";

    /** {@code jwt-cache-max-entries}: 0 verifies the signature on every request. */
    @Param({"1000", "0"})
    public int cacheEntries;

    private JwtAuthenticator authenticator;
    private String header;

    @Setup
    public void setUp() throws Exception {
        RuntimeConfig config = RuntimeConfig.load(null, Map.of(
                "PGRST_DB_URI", "postgres://authenticator@127.0.0.1/bench",
                "PGRST_DB_ANON_ROLE", "anon",
                "PGRST_JWT_SECRET", SECRET,
                "PGRST_JWT_CACHE_MAX_ENTRIES", Integer.toString(cacheEntries)));
        authenticator = JwtAuthenticator.create(config);
        long exp = System.currentTimeMillis() / 1000 + 86_400;
        header = "Bearer " + hs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                "{\"role\":\"alice\",\"email\":\"alice@example.com\",\"exp\":" + exp + "}");
    }

    @Benchmark
    public AuthResult authenticate() {
        return authenticator.authenticate(header);
    }

    private static String hs256(String header, String payload) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
