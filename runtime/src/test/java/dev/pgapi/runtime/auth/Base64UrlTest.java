package dev.pgapi.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Base64UrlTest {

    private static String text(String encoded) {
        byte[] b = Base64Url.decode(encoded);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void canonicalUnpaddedTextDecodes() {
        assertThat(text("")).isEmpty();
        assertThat(text("YQ")).isEqualTo("a");
        assertThat(text("YWI")).isEqualTo("ab");
        assertThat(text("YWJj")).isEqualTo("abc");
        assertThat(Base64Url.decode("-_8")).containsExactly(0xfb, 0xff);
    }

    @Test
    void unusedTrailingBitsMustBeZero() {
        // "a" is 011000|01: "YQ" is canonical, "YR".."YT" (and "YZ") spell the same byte with stray low bits
        for (String stray : new String[] {"YR", "YS", "YT", "YZ"}) {
            assertThat(Base64Url.decode(stray)).as(stray).isNull();
        }
        // "ab" ends in 2 unused bits: "YWI" is canonical, "YWJ" is not
        assertThat(Base64Url.decode("YWJ")).isNull();
        assertThat(Base64Url.decode("-_9")).isNull();
    }

    @Test
    void paddingWrongLengthAndForeignCharactersAreRefused() {
        assertThat(Base64Url.decode("YQ==")).isNull();
        assertThat(Base64Url.decode("YWI=")).isNull();
        assertThat(Base64Url.decode("YWJjZ")).isNull();
        assertThat(Base64Url.decode("YW+j")).isNull();
        assertThat(Base64Url.decode("YW/j")).isNull();
        assertThat(Base64Url.decode("YW j")).isNull();
        assertThat(Base64Url.decode("Y*")).isNull();
    }
}
