package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.PgapiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two service instances on one database, as behind a load balancer, behave like one: an instance keeps nothing of a
 * request (no session, no schema cache to go stale), so any request may go to either.
 */
class ManyInstancesIT {

    private static DevServer first;
    private static PgapiServer second;
    private static ApiClient bobOnFirst;
    private static ApiClient bobOnSecond;
    private static ApiClient carolOnSecond;

    @BeforeAll
    static void start() throws Exception {
        first = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
        second = first.serveAnother(Map.of("PGRST_SERVER_PORT", "0"));
        // tokens are issued by one instance and used on the other
        bobOnFirst = new ApiClient(first.port(), null).as("bob@example.com", "bob-password");
        bobOnSecond = bobOnFirst.at(second.port());
        carolOnSecond = new ApiClient(first.port(), null)
                .as("carol@example.com", "carol-password")
                .at(second.port());
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    @Test
    void aTokenIssuedThroughOneInstanceIsAcceptedByTheOther() throws Exception {
        var onFirst = bobOnFirst.get("/todos?select=task&order=id");
        var onSecond = bobOnSecond.get("/todos?select=task&order=id");
        assertThat(onSecond.statusCode()).isEqualTo(onFirst.statusCode()).isEqualTo(200);
        assertThat(onSecond.body()).isEqualTo(onFirst.body());
    }

    @Test
    void writesAlternatingBetweenInstancesAreAllSeenByBoth() throws Exception {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String task = "Instance task " + i + " " + System.nanoTime();
            ApiClient writer = i % 2 == 0 ? bobOnFirst : bobOnSecond;
            ApiClient reader = i % 2 == 0 ? bobOnSecond : bobOnFirst;
            var created = writer.send("POST", "/todos", "{\"task\":\"" + task + "\"}", "Prefer", "return=minimal");
            assertThat(created.statusCode()).isEqualTo(201);
            // read at once through the other instance: nothing to wait for, nothing cached
            var read = reader.get("/todos?select=task&task=eq." + task.replace(" ", "%20"));
            assertThat(read.body()).isEqualTo("[{\"task\":\"" + task + "\"}]");
            tasks.add(task);
        }
        String filter = "task=like.Instance%20task*";
        var all = ApiClient.json(bobOnFirst.get("/todos?select=task&" + filter));
        assertThat(all.findValuesAsText("task")).containsAll(tasks);
        assertThat(bobOnSecond.get("/todos?select=task&" + filter).body())
                .isEqualTo(bobOnFirst.get("/todos?select=task&" + filter).body());
        // row-level security holds on both: another user sees none of them through either instance
        assertThat(carolOnSecond.get("/todos?select=task&" + filter).body()).isEqualTo("[]");
        assertThat(carolOnSecond
                        .at(first.port())
                        .get("/todos?select=task&" + filter)
                        .body())
                .isEqualTo("[]");
    }
}
