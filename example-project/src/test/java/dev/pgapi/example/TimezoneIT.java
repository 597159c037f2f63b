package dev.pgapi.example;

import static dev.pgapi.example.ApiClient.header;
import static dev.pgapi.example.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Prefer: timezone=}: the request's {@code TimeZone} setting on reads, writes and calls. */
class TimezoneIT {

    private static final String LA = "timezone=America/Los_Angeles";
    private static DevServer server;
    private static ApiClient anon;
    private static ApiClient carol;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
        anon = new ApiClient(server.port(), null);
        carol = anon.as("carol@example.com", "carol-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readRendersTimestampsInTheRequestedZone() throws Exception {
        var res = anon.get("/books?id=eq.1&select=published::timestamptz", "Prefer", LA);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("[{\"published\":\"1968-11-01T00:00:00-08:00\"}]");
        assertThat(header(res, "Preference-Applied")).isEqualTo(LA);
        assertThat(anon.get("/books?id=eq.1&select=published::timestamptz", "Prefer", "timezone=UTC")
                        .body())
                .isEqualTo("[{\"published\":\"1968-11-01T00:00:00+00:00\"}]");
    }

    @Test
    void callSeesTheSettingAndItIsEchoedAfterCountAndHandling() throws Exception {
        var res = carol.get("/rpc/get_guc?name=TimeZone", "Prefer", "count=exact, " + LA + ", handling=lenient");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("\"America/Los_Angeles\"");
        assertThat(header(res, "Preference-Applied"))
                .isEqualTo("count=exact, handling=lenient, timezone=America/Los_Angeles");
    }

    @Test
    void writeEchoesTheZoneAfterReturn() throws Exception {
        var res =
                carol.send("POST", "/gadgets", "{\"sku\":\"TZ-1\",\"name\":\"a\"}", "Prefer", LA + ", return=minimal");
        assertThat(res.statusCode()).isEqualTo(201);
        assertThat(header(res, "Preference-Applied")).isEqualTo("return=minimal, timezone=America/Los_Angeles");
    }

    @Test
    void unknownZoneIsPostgresError22023AndWritesNothing() throws Exception {
        var res =
                carol.send("POST", "/gadgets", "{\"sku\":\"TZ-2\",\"name\":\"a\"}", "Prefer", "timezone=Mars/Olympus");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"22023\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"invalid value for parameter \\\"TimeZone\\\": \\\"Mars/Olympus\\\"\"}");
        assertThat(header(res, "Preference-Applied")).isNull();
        assertThat(carol.get("/gadgets?sku=eq.TZ-2").body()).isEqualTo("[]");
        assertThat(anon.get("/books?id=eq.1", "Prefer", "timezone=Mars/Olympus").statusCode())
                .isEqualTo(400);
    }

    @Test
    void numericOffsetsAreZonesAsInPostgrest16() throws Exception {
        var hours = anon.get("/books?id=eq.1&select=published::timestamptz", "Prefer", "timezone=-4");
        assertThat(hours.statusCode()).as(hours.body()).isEqualTo(200);
        assertThat(hours.body()).isEqualTo("[{\"published\":\"1968-11-01T00:00:00-04:00\"}]");
        assertThat(header(hours, "Preference-Applied")).isEqualTo("timezone=-4");
        // the value goes to PostgreSQL's TimeZone unchanged, as PostgREST sends it: a bare number is hours east of UTC
        // (ISO), an hh:mm text is read the POSIX way, west of UTC
        var clock = anon.get("/books?id=eq.1&select=published::timestamptz", "Prefer", "timezone=05:00");
        assertThat(clock.statusCode()).as(clock.body()).isEqualTo(200);
        assertThat(clock.body()).isEqualTo("[{\"published\":\"1968-11-01T00:00:00-05:00\"}]");
    }

    @Test
    void anUnknownZoneFailsEvenWithLenientHandling() throws Exception {
        var res = anon.get("/books?id=eq.1", "Prefer", "handling=lenient, timezone=Mars/Olympus");
        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(json(res).get("code").asText()).isEqualTo("22023");
    }
}
