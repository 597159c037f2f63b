package dev.pgapi.generator.vet;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.Grant;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.catalog.Role;
import dev.pgapi.generator.catalog.Schema;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which role may use which endpoint, as a Markdown table: the effective privileges of every role that can act
 * through the API (grants to the role, to roles it inherits, and to PUBLIC; USAGE on the schema required), mapped
 * to HTTP methods. Row-level security may still narrow what a permitted role sees.
 */
public final class PermissionReport {

    private static final Map<String, String> METHODS = new LinkedHashMap<>();

    static {
        METHODS.put("SELECT", "GET");
        METHODS.put("INSERT", "POST");
        METHODS.put("UPDATE", "PATCH");
        METHODS.put("DELETE", "DELETE");
    }

    private PermissionReport() {}

    public static String render(Catalog catalog, List<String> schemas) {
        List<Role> roles = catalog.roles().stream().filter(r -> !r.login()).toList();
        var out = new StringBuilder("| endpoint |");
        roles.forEach(r -> out.append(' ').append(r.name()).append(" |"));
        out.append("\n|---|");
        roles.forEach(r -> out.append("---|"));
        out.append('\n');
        for (String name : schemas) {
            Schema schema = catalog.schema(name).orElse(null);
            if (schema == null) {
                continue;
            }
            for (Relation r : schema.relations()) {
                out.append("| `").append(name).append('.').append(r.name()).append("` |");
                for (Role role : roles) {
                    Set<String> held = effective(catalog, role, r.grants(), schema.usage());
                    var methods = new ArrayList<String>();
                    METHODS.forEach((privilege, method) -> {
                        if (held.contains(privilege)) {
                            methods.add(method);
                        }
                    });
                    out.append(' ')
                            .append(methods.isEmpty() ? "—" : String.join(" ", methods))
                            .append(" |");
                }
                out.append('\n');
            }
            for (Function f : schema.functions()) {
                out.append("| `")
                        .append(name)
                        .append(".rpc/")
                        .append(f.name())
                        .append('(')
                        .append(String.join(
                                ", ",
                                f.inputs().stream().map(a -> a.type().sql()).toList()))
                        .append(")` |");
                for (Role role : roles) {
                    boolean may =
                            effective(catalog, role, f.grants(), schema.usage()).contains("EXECUTE");
                    out.append(may ? " call |" : " — |");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Privileges the role holds directly, through inherited memberships, or through PUBLIC. */
    private static Set<String> effective(Catalog catalog, Role role, List<Grant> grants, List<String> usage) {
        Set<String> roles = inherited(catalog, role);
        roles.add("PUBLIC");
        if (usage.stream().noneMatch(roles::contains)) {
            return Set.of();
        }
        Set<String> privileges = new TreeSet<>();
        grants.stream().filter(g -> roles.contains(g.role())).forEach(g -> privileges.add(g.privilege()));
        return privileges;
    }

    private static Set<String> inherited(Catalog catalog, Role role) {
        Set<String> seen = new TreeSet<>();
        var queue = new ArrayDeque<Role>();
        queue.add(role);
        while (!queue.isEmpty()) {
            Role r = queue.poll();
            // a role's own grants always count; those of the roles it is a member of only if it inherits
            if (seen.add(r.name()) && r.inherit()) {
                r.memberOf().forEach(m -> catalog.role(m).ifPresent(queue::add));
            }
        }
        return seen;
    }
}
