package dev.pgapi.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgapi.runtime.config.ConfigException;
import dev.pgapi.runtime.config.TracingConfig;
import org.junit.jupiter.api.Test;

/** Starting and not starting OpenTelemetry's SDK. */
class TracingSetupTest {

    @Test
    void tracingOffStartsNoSdk() {
        try (Tracing tracing = Tracing.create(new TracingConfig(false, "http://localhost:4318", "pgapi", false))) {
            assertThat(tracing.enabled()).isFalse();
        }
    }

    @Test
    void tracingOnStartsTheSdk() {
        try (Tracing tracing = Tracing.create(new TracingConfig(true, "http://localhost:4318", "pgapi", false))) {
            assertThat(tracing.enabled()).isTrue();
        }
    }

    @Test
    void anInvalidStandardOtelSettingStopsStartupWithOneLine() {
        System.setProperty("otel.traces.sampler", "sometimes");
        try {
            assertThatThrownBy(() -> Tracing.create(new TracingConfig(true, "http://localhost:4318", "pgapi", false)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("otel: ")
                    .hasMessageContaining("sometimes")
                    .hasMessageNotContaining("\n");
        } finally {
            System.clearProperty("otel.traces.sampler");
        }
    }
}
