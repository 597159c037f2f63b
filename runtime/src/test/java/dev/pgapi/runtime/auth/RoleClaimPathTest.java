package dev.pgapi.runtime.auth;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void invalidSyntax() {
        for (String bad : new String[] {"role", "$.", "$[", "$..role", "$[1:2]", "$.roles[?@ ==]", ".", ".roles[?(@ == \"a\")].x", ""}) {
            assertThatThrownBy(() -> RoleClaimPath.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid role claim key");
        }
    }
}
