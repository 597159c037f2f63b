package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgapi.runtime.error.ApiError;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    private static Preferences parse(String... tokens) {
        return Preferences.parse(List.of(tokens));
    }

    @Test
    void eachFamilyParsesToItsValueAndTheFirstOccurrenceWins() {
        Preferences p = parse(
                "return=headers-only",
                "count=planned",
                "resolution=ignore-duplicates",
                "missing=default",
                "handling=lenient",
                "tx=rollback",
                "timezone=Asia/Tokyo",
                "max-affected=7",
                "return=representation",
                "count=exact",
                "tx=commit",
                "max-affected=9");
        assertThat(p.returning()).isEqualTo(Preferences.Return.HEADERS_ONLY);
        assertThat(p.count()).isEqualTo(Preferences.Count.PLANNED);
        assertThat(p.resolution()).isEqualTo(Preferences.Resolution.IGNORE_DUPLICATES);
        assertThat(p.missing()).isEqualTo(Preferences.Missing.DEFAULT);
        assertThat(p.handling()).isEqualTo(Preferences.Handling.LENIENT);
        assertThat(p.tx()).isEqualTo(Preferences.Tx.ROLLBACK);
        assertThat(p.timezone()).isEqualTo("Asia/Tokyo");
        assertThat(p.maxAffected()).isEqualTo(7L);
        assertThat(p.invalid()).isEmpty();
    }

    @Test
    void valuesNotUnderstoodAreInvalidEvenAfterAValidOne() {
        Preferences p = parse("return=minimal", "return=bogus", "count", "timezone=", "max-affected=-1", "params=x");
        assertThat(p.returning()).isEqualTo(Preferences.Return.MINIMAL);
        assertThat(p.invalid()).containsExactly("return=bogus", "count", "timezone=", "max-affected=-1", "params=x");
    }

    @Test
    void strictHandlingRefusesInvalidPreferences() {
        ApiError e = catchThrowableOfType(ApiError.class, () -> parse("handling=strict", "bogus", "tx=maybe"));
        assertThat(e.code()).isEqualTo("PGRST122");
        assertThat(e.detailsJson()).isEqualTo("\"Invalid preferences: bogus, tx=maybe\"");
    }

    @Test
    void maxAffectedBindsOnlyWithStrictHandling() {
        assertThat(parse("max-affected=3").strictMaxAffected()).isNull();
        assertThat(parse("max-affected=3", "handling=strict").strictMaxAffected())
                .isEqualTo(3L);
    }

    @Test
    void appliedListsWhatEachOperationHonoursInPostgrestsOrder() {
        Preferences p = parse(
                "max-affected=5",
                "timezone=UTC",
                "handling=strict",
                "tx=commit",
                "count=planned",
                "return=representation",
                "missing=default",
                "resolution=merge-duplicates");
        assertThat(p.applied(Operation.UPSERT_MERGE, true))
                .isEqualTo("resolution=merge-duplicates, missing=default,"
                        + " return=representation, tx=commit, handling=strict, timezone=UTC");
        assertThat(p.applied(Operation.INSERT, false))
                .isEqualTo("missing=default, return=representation, handling=strict, timezone=UTC");
        assertThat(p.applied(Operation.PUT, false)).isEqualTo("return=representation, handling=strict, timezone=UTC");
        assertThat(p.applied(Operation.PATCH, false))
                .isEqualTo("missing=default, return=representation, handling=strict, timezone=UTC, max-affected=5");
        assertThat(p.applied(Operation.DELETE, false))
                .isEqualTo("return=representation, handling=strict, timezone=UTC, max-affected=5");
        assertThat(p.applied(Operation.READ, false)).isEqualTo("count=planned, handling=strict, timezone=UTC");
        assertThat(p.applied(Operation.CALL, false)).isEqualTo("handling=strict, timezone=UTC, max-affected=5");
        assertThat(parse("count=exact").applied(Operation.CALL, false)).isEqualTo("count=exact");
        assertThat(parse().applied(Operation.READ, true)).isEmpty();
    }

    @Test
    void aResolutionAppliesOnlyWithAConflictTarget() {
        assertThat(Operation.insert(Preferences.Resolution.MERGE_DUPLICATES, true))
                .isEqualTo(Operation.UPSERT_MERGE);
        assertThat(Operation.insert(Preferences.Resolution.IGNORE_DUPLICATES, true))
                .isEqualTo(Operation.UPSERT_IGNORE);
        assertThat(Operation.insert(Preferences.Resolution.MERGE_DUPLICATES, false))
                .isEqualTo(Operation.INSERT);
        assertThat(Operation.insert(null, true)).isEqualTo(Operation.INSERT);
    }
}
