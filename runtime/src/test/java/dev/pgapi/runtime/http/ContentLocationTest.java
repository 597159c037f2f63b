package dev.pgapi.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgapi.runtime.query.QueryString;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Content-Location} as PostgREST writes it: parameters sorted by name, one name's values merged. */
class ContentLocationTest {

    @Test
    void parametersAreSortedByNameAndOneNamesValuesJoinedWithCommasInRequestOrder() {
        var params = List.of(
                new QueryString.Param("select", "id"),
                new QueryString.Param("id", "lt.9"),
                new QueryString.Param("author_id", "eq.2"),
                new QueryString.Param("id", "gt.1"));

        assertThat(ReadHandler.contentLocation("books", params))
                .isEqualTo("/books?author_id=eq.2&id=lt.9,gt.1&select=id");
    }

    @Test
    void everythingButUnreservedCharactersIsPercentEncoded() {
        var params = List.of(new QueryString.Param("title", "eq.a b*c~"), new QueryString.Param("x", "in.(1,2)"));

        assertThat(ReadHandler.contentLocation("my books", params))
                .isEqualTo("/my%20books?title=eq.a%20b%2Ac~&x=in.%281%2C2%29");
    }

    @Test
    void noParametersIsThePathAlone() {
        assertThat(ReadHandler.contentLocation("books", List.of())).isEqualTo("/books");
    }
}
