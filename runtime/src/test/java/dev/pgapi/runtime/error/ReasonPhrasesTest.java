package dev.pgapi.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReasonPhrasesTest {

    @Test
    void registeredCodesHaveTheirPhrase() {
        assertThat(ReasonPhrases.of(200)).isEqualTo("OK");
        assertThat(ReasonPhrases.of(300)).isEqualTo("Multiple Choices");
        assertThat(ReasonPhrases.of(416)).isEqualTo("Requested Range Not Satisfiable");
        assertThat(ReasonPhrases.of(418)).isEqualTo("I'm a teapot");
        assertThat(ReasonPhrases.of(504)).isEqualTo("Gateway Timeout");
    }

    @Test
    void unregisteredCodesAreNamedByTheirClass() {
        assertThat(ReasonPhrases.of(199)).isEqualTo("Informational");
        assertThat(ReasonPhrases.of(299)).isEqualTo("Successful");
        assertThat(ReasonPhrases.of(399)).isEqualTo("Redirection");
        assertThat(ReasonPhrases.of(499)).isEqualTo("Client Error");
        assertThat(ReasonPhrases.of(599)).isEqualTo("Server Error");
        assertThat(ReasonPhrases.of(999)).isEqualTo("Unknown Status");
    }
}
