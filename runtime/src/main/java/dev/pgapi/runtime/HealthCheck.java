package dev.pgapi.runtime;

import dev.pgapi.runtime.config.ConfigException;
import dev.pgapi.runtime.config.OperationsConfig;
import dev.pgapi.runtime.config.RuntimeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A health check a container runs, like {@code postgrest --ready}: reads the service's configuration (the same file
 * argument and {@code PGRST_*} environment), asks the admin server's {@code /ready} on this machine, and exits 0
 * when it answers 200, 1 otherwise. Run it as {@code java -jar <service>.jar --ready [config-file]} or
 * {@code java -cp <service>.jar dev.pgapi.runtime.HealthCheck [config-file]}.
 */
public final class HealthCheck {

    /** The option of the generated {@code Main} that runs this check. */
    public static final String READY = "--ready";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HealthCheck() {}

    public static void main(String[] args) {
        if (args.length > 1) {
            exit(1, "usage: java -jar <service>.jar --ready [config-file]");
        }
        try {
            RuntimeConfig config = RuntimeConfig.load(args.length == 1 ? Path.of(args[0]) : null, System.getenv());
            OperationsConfig ops = config.operations();
            if (ops.adminServerPort() == null || ops.adminServerPort() == 0) {
                exit(1, "--ready needs admin-server-port");
            }
            int status = readyStatus(ops.adminBindAddress(), ops.adminServerPort());
            exit(status == 200 ? 0 : 1, status == 200 ? null : "not ready: /ready answered " + status);
        } catch (ConfigException e) {
            exit(1, e.getMessage());
        } catch (IOException e) {
            exit(1, "not ready: no answer from the admin server (" + e + ")");
        } catch (InterruptedException e) {
            exit(1, "interrupted");
        }
    }

    /** The status of {@code GET /ready} on the admin server bound to {@code address} (a wildcard means loopback). */
    static int readyStatus(String address, int port) throws IOException, InterruptedException {
        String target = switch (address) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::" -> "[::1]";
            case String h when h.contains(":") && !h.startsWith("[") -> "[" + h + "]";
            case String h -> h;
        };
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + target + ":" + port + "/ready"))
                    .timeout(TIMEOUT)
                    .GET()
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static void exit(int status, String message) {
        if (message != null) {
            System.err.println("pgapi: " + message.replace("\n", "\npgapi: "));
        }
        System.exit(status);
    }
}
