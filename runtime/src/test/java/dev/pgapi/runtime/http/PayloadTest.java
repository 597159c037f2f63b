package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgapi.runtime.error.ApiError;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading write bodies: PostgREST's rules, invalid input, and what a large body costs. */
class PayloadTest {

    private static Payload json(String text) {
        return Payload.of(new RequestBody(text.getBytes(StandardCharsets.UTF_8), RequestBody.JSON), true);
    }

    private static ApiError error(Runnable r) {
        return catchThrowableOfType(ApiError.class, r::run);
    }

    @Test
    void anObjectIsOneRowAndAnArrayIsPassedOnAsSent() {
        var one = json("{\"a\":1,\"b\":[1,{\"c\":2}]}");
        assertThat(one.json()).isEqualTo("[{\"a\":1,\"b\":[1,{\"c\":2}]}]");
        assertThat(one.keys()).containsExactly("a", "b");
        assertThat(one.size()).isEqualTo(1);

        String text = "[ {\"a\": 1.50, \"b\": null}, {\"b\": \"x\", \"a\": 2} ]";
        var two = json(text);
        assertThat(two.json()).isEqualTo(text);
        assertThat(two.keys()).containsExactly("a", "b");
        assertThat(two.size()).isEqualTo(2);
        assertThat(two.firstRowJson()).isEqualTo("[{\"a\": 1.50, \"b\": null}]");
        assertThat(two.rows())
                .containsExactly(
                        new Payload.Row(Set.of("a", "b"), "{\"a\": 1.50, \"b\": null}"),
                        new Payload.Row(Set.of("a", "b"), "{\"b\": \"x\", \"a\": 2}"));
    }

    @Test
    void aScalarIsNoRows() {
        assertThat(json("42")).isEqualTo(new Payload("[]", Set.of(), 0));
        assertThat(json("[]")).isEqualTo(new Payload("[]", Set.of(), 0));
    }

    @Test
    void objectsWithOtherKeysAreRefusedUnlessColumnsPicksThem() {
        for (String body : List.of(
                "[{\"a\":1},{\"b\":1}]",
                "[{\"a\":1},{\"a\":1,\"b\":2}]",
                "[{\"a\":1,\"b\":2},{\"a\":1,\"a\":2}]",
                "[{\"a\":1},2]",
                "[3,{\"a\":1}]")) {
            assertThat(error(() -> json(body)).getMessage()).as(body).isEqualTo("All object keys must match");
        }
        var picked = Payload.of(
                new RequestBody("[{\"a\":1},{\"b\":1}]".getBytes(StandardCharsets.UTF_8), RequestBody.JSON), false);
        assertThat(picked.rows()).extracting(Payload.Row::keys).containsExactly(Set.of("a"), Set.of("b"));
    }

    @Test
    void invalidJsonAnywhereIsReportedAsSuchEvenAfterAKeyMismatch() {
        for (String body : List.of(
                "",
                " ",
                "}{ x = 2",
                "[{\"a\":1},{\"b\":1}, nope]",
                "{\"a\":1} trailing",
                "[{}",
                "{\"a\":01}",
                "[{\"a\":1}]]")) {
            var e = error(() -> json(body));
            assertThat(e.toJson())
                    .as(body)
                    .isEqualTo(
                            "{\"code\":\"PGRST102\",\"details\":null,\"hint\":null,\"message\":\"Empty or invalid json\"}");
        }
    }

    @Test
    void invalidUtf8IsInvalidJsonNotAReplacementCharacter() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
        var e = error(() -> Payload.of(new RequestBody(body, RequestBody.JSON), true));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("Empty or invalid json");
        // an encoded U+FFFD is a character like any other
        assertThat(json("{\"a\":\"\uFFFD\"}").json()).isEqualTo("[{\"a\":\"\uFFFD\"}]");
    }

    @Test
    void invalidUtf8InACsvBodyIsRefused() {
        byte[] body = {'a', '\n', (byte) 0xFF, 'x'};
        var e = error(() -> Payload.of(new RequestBody(body, RequestBody.CSV), true));
        assertThat(e.toJson())
                .isEqualTo(
                        "{\"code\":\"PGRST102\",\"details\":null,\"hint\":null,\"message\":\"The request body is not valid UTF-8\"}");
    }

    @Test
    void numbersAsLongAsPostgresNumericAllowsKeepTheirText() {
        String digits = "9".repeat(131_072) + "." + "1".repeat(16_383);
        var p = json("[{\"n\":-" + digits + "}]");
        assertThat(p.json()).contains("-" + digits);
        assertThat(error(() -> json("[{\"n\":" + digits + "1".repeat(10) + "}]"))
                        .getMessage())
                .isEqualTo("Empty or invalid json");
    }

    @Test
    void csvRowsBecomeJsonObjectsWithNulls() {
        var p = Payload.of(
                new RequestBody(
                        "k,extra\nxyyx,NULL\n\"a,\"\"b\",\"NULL\"\n".getBytes(StandardCharsets.UTF_8), RequestBody.CSV),
                true);
        assertThat(p.json()).isEqualTo("[{\"k\":\"xyyx\",\"extra\":null},{\"k\":\"a,\\\"b\",\"extra\":\"NULL\"}]");
        assertThat(p.keys()).containsExactly("k", "extra");
        assertThat(p.size()).isEqualTo(2);
        assertThat(error(() -> Payload.of(
                                new RequestBody("a,b\n1\n".getBytes(StandardCharsets.UTF_8), RequestBody.CSV), true))
                        .getMessage())
                .isEqualTo("All lines must have same number of fields");
    }

    @Test
    void aFormIsOneRowOfStringsWhereTheLastRepeatedKeyWins() {
        var p = Payload.of(new RequestBody("a=1&b=x%20y&a=2".getBytes(StandardCharsets.UTF_8), RequestBody.FORM), true);
        assertThat(p).isEqualTo(new Payload("[{\"a\":\"2\",\"b\":\"x y\"}]", Set.of("a", "b"), 1));
    }

    /**
     * A body of a million empty objects (2.9 MB) once cost about 200 MB of heap, as a tree. Checked as a stream,
     * reading it allocates a small multiple of its size. Reported, and bounded loosely (a tree takes far more).
     */
    @Test
    void aMillionSmallObjectsCostAboutTheirSizeNotATreeOfThem() {
        byte[] body = ("[" + "{},".repeat(999_999) + "{}]").getBytes(StandardCharsets.UTF_8);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        Payload.of(new RequestBody(body, RequestBody.JSON), true); // warm-up
        long before = threads.getThreadAllocatedBytes(tid);
        Payload p = Payload.of(new RequestBody(body, RequestBody.JSON), true);
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        System.out.printf(
                "PayloadTest: %,d-byte body of %,d objects: %,d bytes allocated (%.1f x the body)%n",
                body.length, p.size(), allocated, (double) allocated / body.length);
        assertThat(p.size()).isEqualTo(1_000_000);
        assertThat(allocated).isLessThan(10L * body.length);
    }
}
