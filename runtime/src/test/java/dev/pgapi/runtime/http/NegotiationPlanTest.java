package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.query.Sql;
import dev.pgapi.runtime.query.plan.Shape;
import org.junit.jupiter.api.Test;

/** {@code Accept: application/vnd.pgrst.plan...} as PostgREST parses it. */
class NegotiationPlanTest {

    private static Negotiation.Media plan(String accept) {
        Negotiation.Media media = Negotiation.negotiate(accept, true);
        assertThat(media.plan()).as(accept).isNotNull();
        return media;
    }

    @Test
    void planWithoutSuffixIsTextOfTheJsonStatement() {
        Negotiation.Media media = plan("application/vnd.pgrst.plan");
        assertThat(media.shape()).isEqualTo(Shape.ARRAY);
        assertThat(media.plan().json()).isFalse();
        assertThat(media.contentType())
                .isEqualTo("application/vnd.pgrst.plan+text; for=\"application/json\"; charset=utf-8");
    }

    @Test
    void jsonAndTextSuffixesChooseTheFormat() {
        assertThat(plan("application/vnd.pgrst.plan+json").plan().json()).isTrue();
        assertThat(plan("Application/Vnd.Pgrst.Plan+Text").plan().json()).isFalse();
    }

    @Test
    void forNamesTheExplainedRepresentation() {
        Negotiation.Media csv = plan("application/vnd.pgrst.plan+json; for=\"text/csv\"");
        assertThat(csv.shape()).isEqualTo(Shape.CSV);
        assertThat(csv.contentType()).isEqualTo("application/vnd.pgrst.plan+json; for=\"text/csv\"; charset=utf-8");

        Negotiation.Media object = plan("application/vnd.pgrst.plan+json; for=\"application/vnd.pgrst.object\"");
        assertThat(object.shape()).isEqualTo(Shape.OBJECT);
        assertThat(object.contentType())
                .isEqualTo("application/vnd.pgrst.plan+json; for=\"application/vnd.pgrst.object+json\"; charset=utf-8");
        assertThat(plan("application/vnd.pgrst.plan; for=application/json").shape())
                .isEqualTo(Shape.ARRAY);
    }

    @Test
    void forMayCarryItsOwnParametersInsideTheQuotes() {
        Negotiation.Media media = plan(
                "application/vnd.pgrst.plan+json; for=\"application/vnd.pgrst.object+json; nulls=stripped\", text/csv");
        assertThat(media.shape()).isEqualTo(Shape.OBJECT_STRIPPED);
        assertThat(media.contentType())
                .isEqualTo("application/vnd.pgrst.plan+json;"
                        + " for=\"application/vnd.pgrst.object+json;nulls=stripped\"; charset=utf-8");
    }

    @Test
    void optionsAreKeptInPostgrestOrderOnceAndUnknownOnesIgnored() {
        Negotiation.Media media = plan("application/vnd.pgrst.plan+json; options=wal|analyze|bogus|analyze;");
        assertThat(media.plan().options()).containsExactly("analyze", "wal");
        assertThat(media.contentType())
                .isEqualTo(
                        "application/vnd.pgrst.plan+json; for=\"application/json\"; options=analyze|wal; charset=utf-8");
    }

    @Test
    void explainWrapsTheStatementKeepingItsParameters() {
        Sql main = new Sql().append("SELECT ").param("1");
        Sql explained = plan("application/vnd.pgrst.plan; options=analyze|verbose|settings|buffers|wal")
                .plan()
                .explain(main);
        assertThat(explained.text())
                .isEqualTo("EXPLAIN (FORMAT TEXT, ANALYZE, VERBOSE, SETTINGS, BUFFERS, WAL) SELECT ?");
        assertThat(explained.params()).containsExactly("1");
        assertThat(plan("application/vnd.pgrst.plan+json").plan().explain(main).text())
                .isEqualTo("EXPLAIN (FORMAT JSON) SELECT ?");
    }

    @Test
    void planIsNotAcceptableWhenDisabled() {
        assertThatThrownBy(() -> Negotiation.negotiate("application/vnd.pgrst.plan", false))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(406);
                    assertThat(e.code()).isEqualTo("PGRST107");
                    assertThat(e.getMessage())
                            .isEqualTo("None of these media types are available:"
                                    + " application/vnd.pgrst.plan+text; for=\"application/json\"");
                });
    }

    @Test
    void aDisabledPlanFallsBackToTheNextAcceptableType() {
        Negotiation.Media media =
                Negotiation.negotiate("application/vnd.pgrst.plan+json, application/json;q=0.5", false);
        assertThat(media.plan()).isNull();
        assertThat(media.shape()).isEqualTo(Shape.ARRAY);
    }

    @Test
    void aPlanForAnUnavailableTypeIsNotAcceptable() {
        assertThatThrownBy(() -> Negotiation.negotiate("application/vnd.pgrst.plan+json; for=\"text/xml\"", true))
                .isInstanceOfSatisfying(
                        ApiError.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo(
                                        "None of these media types are available: application/vnd.pgrst.plan+json; for=\"text/xml\""));
    }

    @Test
    void plainNegotiationIsUnchanged() {
        Negotiation.Media media = Negotiation.negotiate("text/csv", true);
        assertThat(media.plan()).isNull();
        assertThat(media.contentType()).isEqualTo(Negotiation.CSV);
    }
}
