package dev.pgapi.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RoleClaimPathTest {

    private static final JsonNode CLAIMS = JsonSupport.object("""
            {"role":"r","postgrest":{"roles":["a","b"]},"https://x":{"role":"u"},
             "roles":["admin","author","other"],"objs":[{"name":"n1","role":"x1"},{"name":"n2","role":"x2"}],
             "n":[1,2,3]}""".getBytes(StandardCharsets.UTF_8));

    private static String eval(String path) {
        JsonNode n = RoleClaimPath.parse(path).first(CLAIMS);
        return n == null ? null : n.toString();
    }

    @Test
    void jsonPath() {
        assertThat(eval("$.role")).isEqualTo("\"r\"");
        assertThat(eval("$.postgrest.roles[1]")).isEqualTo("\"b\"");
        assertThat(eval("$.postgrest.roles[-1]")).isEqualTo("\"b\"");
        assertThat(eval("$['https://x'].role")).isEqualTo("\"u\"");
        assertThat(eval("$[\"https://x\"]['role']")).isEqualTo("\"u\"");
        assertThat(eval("$.roles[?(@ == 'author')]")).isEqualTo("\"author\"");
        assertThat(eval("$.roles[?@ != 'admin']")).isEqualTo("\"author\"");
        assertThat(eval("$.roles[?search(@, '^au')]")).isEqualTo("\"author\"");
        assertThat(eval("$.roles[?match(@, 'oth.*')]")).isEqualTo("\"other\"");
        assertThat(eval("$.objs[?@.name == 'n2'].role")).isEqualTo("\"x2\"");
        assertThat(eval("$.n[?@ > 1 && !(@ == 3)]")).isEqualTo("2");
        assertThat(eval("$.roles[*]")).isEqualTo("\"admin\"");
        assertThat(eval("$.postgrest.*")).isEqualTo("[\"a\",\"b\"]");
        assertThat(eval("$.missing")).isNull();
        assertThat(eval("$.roles[7]")).isNull();
    }

    @Test
    void legacy() {
        assertThat(eval(".role")).isEqualTo("\"r\"");
        assertThat(eval(".postgrest.roles[1]")).isEqualTo("\"b\"");
        assertThat(eval(".\"https://x\".role")).isEqualTo("\"u\"");
        assertThat(eval(".roles[?(@ == \"author\")]")).isEqualTo("\"author\"");
        assertThat(eval(".roles[?(@ ^== \"oth\")]")).isEqualTo("\"other\"");
        assertThat(eval(".roles[?(@ ==^ \"min\")]")).isEqualTo("\"admin\"");
        assertThat(eval(".roles[?(@ *== \"tho\")]")).isEqualTo("\"author\"");
        assertThat(eval(".roles[?(@ != \"admin\")]")).isEqualTo("\"author\"");
    }

    @Test
    void quotedKeysAndSearchFiltersAsPostgrest16WritesThem() {
        JsonNode claims = JsonSupport.object("""
                {"roles":{"write-role":"w","a.b":"dot"},"https://example.com/role":"url","apps":["web_x","app_ro","app_rw"]}""".getBytes(StandardCharsets.UTF_8));
        assertThat(RoleClaimPath.parse("$.roles[\"write-role\"]").first(claims).textValue())
                .isEqualTo("w");
        assertThat(RoleClaimPath.parse("$.roles['a.b']").first(claims).textValue())
                .isEqualTo("dot");
        assertThat(RoleClaimPath.parse("$['https://example.com/role']")
                        .first(claims)
                        .textValue())
                .isEqualTo("url");
        assertThat(RoleClaimPath.parse("$.apps[?search(@, \"^app_\")]")
                        .first(claims)
                        .textValue())
                .isEqualTo("app_ro");
        assertThat(RoleClaimPath.parse("$.apps[?search(@, \"_rw$\")]")
                        .first(claims)
                        .textValue())
                .isEqualTo("app_rw");
        assertThat(RoleClaimPath.parse("$.roles[\"write-role\"]").legacyReplacement())
                .isNull();
    }

    @Test
    void legacyKeysNameTheirJsonPathForTheWarning() {
        JsonNode claims = JsonSupport.object("""
                {"role":"r","postgrest":{"roles":["a","b"]},"https://x":{"role":"u"},"a$b":{"1x":"odd"},
                 "roles":["admin","author","other","a.c(t)"]}""".getBytes(StandardCharsets.UTF_8));
        var cases = new String[][] {
            {".role", "$.role"},
            {".postgrest.roles[1]", "$.postgrest.roles[1]"},
            {".\"https://x\".role", "$[\"https://x\"].role"},
            {".a$b.1x", "$[\"a$b\"][\"1x\"]"},
            {".roles[?(@ == \"author\")]", "$.roles[?@ == \"author\"]"},
            {".roles[?(@ != \"admin\")]", "$.roles[?@ != \"admin\"]"},
            {".roles[?(@ ^== \"oth\")]", "$.roles[?search(@, \"^oth\")]"},
            {".roles[?(@ ==^ \"min\")]", "$.roles[?search(@, \"min$\")]"},
            {".roles[?(@ *== \"tho\")]", "$.roles[?search(@, \"tho\")]"},
            {".roles[?(@ *== \".c(t\")]", "$.roles[?search(@, \"\\\\.c\\\\(t\")]"},
        };
        for (String[] c : cases) {
            RoleClaimPath legacy = RoleClaimPath.parse(c[0]);
            assertThat(legacy.legacyReplacement()).as(c[0]).isEqualTo(c[1]);
            RoleClaimPath modern = RoleClaimPath.parse(c[1]);
            assertThat(modern.legacyReplacement()).isNull();
            assertThat(modern.first(claims)).as(c[1]).isNotNull().isEqualTo(legacy.first(claims));
        }
    }

    @Test
    void invalidSyntax() {
        for (String bad : new String[] {
            "role", "$.", "$[", "$..role", "$[1:2]", "$.roles[?@ ==]", ".", ".roles[?(@ == \"a\")].x", ""
        }) {
            assertThatThrownBy(() -> RoleClaimPath.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid role claim key");
        }
    }
}
