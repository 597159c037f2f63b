package dev.pgapi.runtime.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** How request bodies' JSON is read. */
final class BodyJson {

    /**
     * The longest number accepted: PostgreSQL's {@code numeric} takes 131072 digits before the point and 16383
     * after, plus sign and point. Jackson's default (1000) would refuse values PostgreSQL stores.
     */
    static final int MAX_NUMBER_LENGTH = 131_072 + 16_383 + 2;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();

    /**
     * For bodies read as a tree (function arguments): decimals as {@link java.math.BigDecimal} with their scale
     * kept, so a number reaches PostgreSQL with its value and digits, never through a {@code double}.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private BodyJson() {}
}
