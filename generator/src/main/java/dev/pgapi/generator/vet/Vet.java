package dev.pgapi.generator.vet;

import dev.pgapi.generator.catalog.Catalog;
import dev.pgapi.generator.catalog.Column;
import dev.pgapi.generator.catalog.ColumnSource;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.Grant;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.catalog.RelationKind;
import dev.pgapi.generator.catalog.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lint rules over the catalog for the exposed schemas: grants and security settings that make an API unsafe. The
 * database stays the authority; these only point at what deserves a second look.
 */
public final class Vet {

    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "TRUNCATE");

    private Vet() {}

    /**
     * Findings sorted by rule and object.
     *
     * @param anonRole the role anonymous requests run as ({@code db-anon-role}), or null
     */
    public static List<Finding> check(Catalog catalog, List<String> schemas, String anonRole) {
        var findings = new ArrayList<Finding>();
        for (String name : schemas) {
            Schema schema = catalog.schema(name).orElse(null);
            if (schema == null) {
                continue;
            }
            for (Relation r : schema.relations()) {
                String object = name + "." + r.name();
                anonWrite(findings, object, r, anonRole);
                writableWithoutRls(findings, catalog, object, r, anonRole);
                viewBypassingRls(findings, catalog, object, r);
            }
            for (Function f : schema.functions()) {
                definerWithoutSearchPath(findings, name + "." + f.name(), f);
                anonSettingByName(findings, name + "." + f.name(), f, anonRole);
            }
        }
        findings.sort((a, b) -> (a.rule() + a.object()).compareTo(b.rule() + b.object()));
        return findings;
    }

    private static void anonWrite(List<Finding> findings, String object, Relation r, String anonRole) {
        Set<String> privileges = writesOf(r, role -> role.equals("PUBLIC") || role.equals(anonRole));
        if (!privileges.isEmpty()) {
            findings.add(new Finding(
                    "anon-write",
                    object,
                    "anonymous requests may " + String.join(", ", privileges) + " (granted to "
                            + (anonRole == null ? "PUBLIC" : anonRole + " or PUBLIC") + ")"));
        }
    }

    private static void writableWithoutRls(
            List<Finding> findings, Catalog catalog, String object, Relation r, String anonRole) {
        if (r.rlsEnabled() || (r.kind() != RelationKind.TABLE && r.kind() != RelationKind.PARTITIONED_TABLE)) {
            return;
        }
        Set<String> roles = new TreeSet<>();
        Stream.concat(r.grants().stream(), r.columns().stream().flatMap(c -> c.grants().stream()))
                .filter(g -> WRITES.contains(g.privilege()))
                .map(Grant::role)
                .filter(role -> !role.equals("PUBLIC") && !role.equals(anonRole))
                .filter(role -> catalog.role(role).map(x -> !x.login()).orElse(true))
                .forEach(roles::add);
        if (!roles.isEmpty()) {
            findings.add(new Finding(
                    "write-without-rls",
                    object,
                    String.join(", ", roles)
                            + " may change every row: enable row-level security or confirm that any holder may"));
        }
    }

    private static void viewBypassingRls(List<Finding> findings, Catalog catalog, String object, Relation r) {
        if (r.kind() != RelationKind.VIEW || r.securityInvoker()) {
            return;
        }
        Set<String> protectedTables = r.columns().stream()
                .map(Column::source)
                .filter(s -> s != null && rlsEnabled(catalog, s))
                .map(s -> s.schema() + "." + s.relation())
                .collect(Collectors.toCollection(TreeSet::new));
        if (!protectedTables.isEmpty()) {
            findings.add(new Finding(
                    "view-bypasses-rls",
                    object,
                    "reads " + String.join(", ", protectedTables)
                            + " with its owner's rights, so their row-level security policies do not apply to callers:"
                            + " create it WITH (security_invoker = true)"));
        }
    }

    private static void definerWithoutSearchPath(List<Finding> findings, String object, Function f) {
        if (f.securityDefiner() && f.settings().stream().noneMatch(s -> s.startsWith("search_path="))) {
            findings.add(new Finding(
                    "definer-search-path",
                    object,
                    "SECURITY DEFINER without a fixed search_path: callers can shadow the objects it uses;"
                            + " add SET search_path = ..."));
        }
    }

    /**
     * A function anonymous requests may call that reads a setting the caller names hands out everything the server
     * sets per request, the configuration's {@code app.settings.*} (a JWT signing secret, say) included.
     */
    private static void anonSettingByName(List<Finding> findings, String object, Function f, String anonRole) {
        boolean anonMayCall = f.grants().stream()
                .anyMatch(g -> g.privilege().equals("EXECUTE")
                        && (g.role().equals("PUBLIC") || g.role().equals(anonRole)));
        Set<String> arguments = anonMayCall ? SettingReads.argumentsNamingSettings(f) : Set.of();
        if (!arguments.isEmpty()) {
            findings.add(new Finding(
                    "anon-setting-by-name",
                    object,
                    "anonymous requests may call it and it reads"
                            + " current_setting() by a name from argument " + String.join(", ", arguments)
                            + ": any caller can read any setting, app.settings.* secrets such as a JWT secret included;"
                            + " unless it accepts only the names it is meant for (vet cannot tell), revoke EXECUTE from "
                            + (anonRole == null ? "PUBLIC" : anonRole + " and PUBLIC")));
        }
    }

    private static boolean rlsEnabled(Catalog catalog, ColumnSource source) {
        return catalog.schema(source.schema())
                .flatMap(s -> s.relation(source.relation()))
                .map(Relation::rlsEnabled)
                .orElse(false);
    }

    private static Set<String> writesOf(Relation r, java.util.function.Predicate<String> role) {
        Set<String> privileges = new TreeSet<>();
        Stream.concat(r.grants().stream(), r.columns().stream().flatMap(c -> c.grants().stream()))
                .filter(g -> role.test(g.role()) && WRITES.contains(g.privilege()))
                .forEach(g -> privileges.add(g.privilege()));
        return privileges;
    }
}
