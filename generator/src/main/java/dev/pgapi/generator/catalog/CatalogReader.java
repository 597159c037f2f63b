package dev.pgapi.generator.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a {@link Catalog} from {@code pg_catalog}. The queries live next to this class as {@code *.sql} resources.
 *
 * <p>Everything is read in one read-only repeatable-read transaction so that the queries see one consistent state, with
 * {@code search_path} set to {@code pg_catalog} so that type names and expressions come out schema-qualified
 * (hence valid SQL whatever the caller's search path) and identical on every machine. OIDs only join rows here and
 * never reach the catalog; the predefined {@code pg_*} roles and the bootstrap superuser are left out everywhere.
 *
 * <p>Like PostgREST's schema cache, this is the raw catalog: every {@code prokind = 'f'} function of an exposed schema
 * is listed (extension functions and range-type constructors included), and table grants include the owner's implicit
 * privileges. A view column's {@link ColumnSource} is the origin PostgreSQL's parser recorded for plain column
 * references (also through joins, sub-selects, CTEs and chains of views in any schema); computed columns have none.
 */
public final class CatalogReader {

    private static final Comparator<Grant> GRANT_ORDER =
            Comparator.comparing(Grant::role).thenComparing(Grant::privilege);

    private final Connection connection;
    private final String[] schemaNames;

    private CatalogReader(Connection connection, List<String> schemas) {
        this.connection = connection;
        this.schemaNames = schemas.toArray(String[]::new);
    }

    /**
     * Introspects the given schemas and all roles.
     *
     * @param connection a connection that is not inside a transaction; it is left in its auto-commit mode
     * @param schemas    schema names; each must exist
     * @throws CatalogException when a schema does not exist or a query fails
     */
    public static Catalog read(Connection connection, List<String> schemas) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement s = connection.createStatement()) {
                    s.execute("set transaction isolation level repeatable read, read only");
                    s.execute("select set_config('search_path', 'pg_catalog', true)");
                }
                return new CatalogReader(connection, schemas).read();
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new CatalogException("cannot read the catalog: " + firstLine(e.getMessage()), e);
        }
    }

    private Catalog read() throws SQLException {
        Map<String, String> schemaComments = new TreeMap<>();
        query("schemas", r -> schemaComments.put(r.getString("name"), r.getString("comment")), (Object) schemaNames);
        List<String> missing = Arrays.stream(schemaNames)
                .filter(s -> !schemaComments.containsKey(s))
                .distinct()
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw CatalogException.missingSchemas(missing);
        }
        int serverMajor;
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("select current_setting('server_version_num')::int / 10000")) {
            r.next();
            serverMajor = r.getInt(1);
        }

        Map<String, Set<String>> usage = new HashMap<>();
        query(
                "schema_usage",
                r -> usage.computeIfAbsent(r.getString("schema"), k -> new TreeSet<>())
                        .add(r.getString("role")),
                (Object) schemaNames);

        List<RelationRow> relationRows = new ArrayList<>();
        query("relations", r -> relationRows.add(RelationRow.of(r)), (Object) schemaNames);
        List<ColumnRow> columnRows = new ArrayList<>();
        query("columns", r -> columnRows.add(ColumnRow.of(r)), (Object) schemaNames);
        List<FunctionRow> functionRows = new ArrayList<>();
        query("functions", r -> functionRows.add(FunctionRow.of(r)), (Object) schemaNames);
        Map<Long, List<ArgumentRow>> arguments = new HashMap<>();
        query(
                "function_arguments",
                r -> arguments
                        .computeIfAbsent(r.getLong("function_oid"), k -> new ArrayList<>())
                        .add(ArgumentRow.of(r)),
                (Object) schemaNames);
        List<UserTypeRow> typeRows = new ArrayList<>();
        query("user_types", r -> typeRows.add(UserTypeRow.of(r)), (Object) schemaNames);
        Map<Long, List<AttributeRow>> attributes = new HashMap<>();
        query(
                "type_attributes",
                r -> attributes
                        .computeIfAbsent(r.getLong("type_oid"), k -> new ArrayList<>())
                        .add(AttributeRow.of(r)),
                (Object) schemaNames);

        Set<TypeKey> typeKeys = new LinkedHashSet<>();
        columnRows.forEach(c -> typeKeys.add(c.type()));
        functionRows.forEach(f -> typeKeys.add(new TypeKey(f.returnTypeOid(), -1)));
        arguments.values().forEach(list -> list.forEach(a -> typeKeys.add(new TypeKey(a.typeOid(), -1))));
        typeRows.forEach(t -> typeKeys.add(new TypeKey(t.oid(), -1)));
        attributes.values().forEach(list -> list.forEach(a -> typeKeys.add(a.type())));
        Map<TypeKey, TypeRef> types = typeRefs(typeKeys);

        Map<String, List<Relation>> relations = relations(relationRows, columnRows, types);
        Map<String, List<Function>> functions = functions(functionRows, arguments, types);
        Map<String, List<UserType>> userTypes = userTypes(typeRows, attributes, types);
        Map<String, List<MediaHandler>> mediaHandlers = mediaHandlers();

        List<Schema> schemas = schemaComments.entrySet().stream()
                .map(s -> new Schema(
                        s.getKey(),
                        s.getValue(),
                        List.copyOf(usage.getOrDefault(s.getKey(), Set.of())),
                        relations.getOrDefault(s.getKey(), List.of()),
                        functions.getOrDefault(s.getKey(), List.of()),
                        userTypes.getOrDefault(s.getKey(), List.of()),
                        mediaHandlers.getOrDefault(s.getKey(), List.of())))
                .toList();
        return new Catalog(Catalog.FORMAT_VERSION, serverMajor, schemas, roles(), domainCasts());
    }

    // ---- relations ----------------------------------------------------------------------------------------------

    private Map<String, List<Relation>> relations(
            List<RelationRow> rows, List<ColumnRow> columnRows, Map<TypeKey, TypeRef> types) throws SQLException {
        Map<ColumnKey, List<Grant>> columnGrants = new HashMap<>();
        query(
                "column_grants",
                r -> columnGrants
                        .computeIfAbsent(
                                new ColumnKey(r.getLong("relation_oid"), r.getString("column_name")),
                                k -> new ArrayList<>())
                        .add(new Grant(r.getString("role"), r.getString("privilege"))),
                (Object) schemaNames);
        Map<Long, List<Grant>> grants = new HashMap<>();
        query(
                "relation_grants",
                r -> grants.computeIfAbsent(r.getLong("relation_oid"), k -> new ArrayList<>())
                        .add(new Grant(r.getString("role"), r.getString("privilege"))),
                (Object) schemaNames);
        Map<Long, List<String>> primaryKeys = new HashMap<>();
        Map<Long, List<UniqueKey>> uniqueKeys = new HashMap<>();
        query(
                "unique_keys",
                r -> {
                    List<String> keyColumns = strings(r, "columns");
                    if (r.getBoolean("is_primary")) {
                        primaryKeys.put(r.getLong("relation_oid"), keyColumns);
                    } else {
                        uniqueKeys
                                .computeIfAbsent(r.getLong("relation_oid"), k -> new ArrayList<>())
                                .add(new UniqueKey(r.getString("name"), keyColumns));
                    }
                },
                (Object) schemaNames);
        Map<Long, List<ForeignKey>> foreignKeys = new HashMap<>();
        query(
                "foreign_keys",
                r -> foreignKeys
                        .computeIfAbsent(r.getLong("relation_oid"), k -> new ArrayList<>())
                        .add(new ForeignKey(
                                r.getString("name"),
                                strings(r, "columns"),
                                r.getString("referenced_schema"),
                                r.getString("referenced_relation"),
                                strings(r, "referenced_columns"))),
                (Object) schemaNames);
        Map<Long, List<Policy>> policies = new HashMap<>();
        query(
                "policies",
                r -> policies.computeIfAbsent(r.getLong("relation_oid"), k -> new ArrayList<>())
                        .add(new Policy(
                                r.getString("name"),
                                r.getString("command"),
                                r.getBoolean("permissive"),
                                strings(r, "roles").stream().sorted().toList(),
                                r.getString("using_expr"),
                                r.getString("check_expr"))),
                (Object) schemaNames);

        Map<ColumnKey, ColumnSource> sources = columnSources(rows, columnRows);
        Map<Long, List<Column>> columns = new HashMap<>();
        for (ColumnRow c : columnRows) {
            columns.computeIfAbsent(c.relationOid(), k -> new ArrayList<>())
                    .add(new Column(
                            c.name(),
                            c.ordinal(),
                            types.get(c.type()),
                            c.nullable(),
                            c.defaultValue(),
                            c.identity(),
                            c.generated(),
                            c.omittedValue(),
                            c.comment(),
                            sources.get(new ColumnKey(c.relationOid(), c.name())),
                            sorted(
                                    columnGrants.getOrDefault(new ColumnKey(c.relationOid(), c.name()), List.of()),
                                    GRANT_ORDER)));
        }

        Map<String, List<Relation>> bySchema = new HashMap<>();
        for (RelationRow r : rows) {
            long oid = r.oid();
            bySchema.computeIfAbsent(r.schema(), k -> new ArrayList<>())
                    .add(new Relation(
                            r.name(),
                            r.kind(),
                            r.comment(),
                            sorted(columns.getOrDefault(oid, List.of()), Comparator.comparingInt(Column::ordinal)),
                            primaryKeys.getOrDefault(oid, List.of()),
                            sorted(uniqueKeys.getOrDefault(oid, List.of()), Comparator.comparing(UniqueKey::name)),
                            sorted(foreignKeys.getOrDefault(oid, List.of()), Comparator.comparing(ForeignKey::name)),
                            (r.updatableMask() & 8) != 0,
                            (r.updatableMask() & 4) != 0,
                            (r.updatableMask() & 16) != 0,
                            r.rlsEnabled(),
                            r.rlsForced(),
                            sorted(policies.getOrDefault(oid, List.of()), Comparator.comparing(Policy::name)),
                            sorted(grants.getOrDefault(oid, List.of()), GRANT_ORDER),
                            r.securityInvoker()));
        }
        bySchema.replaceAll((schema, list) -> sorted(list, Comparator.comparing(Relation::name)));
        return bySchema;
    }

    /**
     * The base-table column behind each view column: follows the origins recorded in the views' query trees through
     * view chains (in any schema) until a relation that is not a view.
     */
    private Map<ColumnKey, ColumnSource> columnSources(List<RelationRow> relations, List<ColumnRow> columns)
            throws SQLException {
        Map<Long, Map<Integer, QueryTreeOrigins.Origin>> views = new HashMap<>();
        query(
                "view_definitions",
                r -> views.put(r.getLong("relation_oid"), QueryTreeOrigins.parse(r.getString("definition"))));
        Set<Long> exposedViews = new HashSet<>();
        relations.stream().filter(r -> r.kind().isView()).forEach(r -> exposedViews.add(r.oid()));

        Map<ColumnKey, QueryTreeOrigins.Origin> origins = new HashMap<>();
        for (ColumnRow c : columns) {
            if (!exposedViews.contains(c.relationOid())) {
                continue;
            }
            QueryTreeOrigins.Origin origin =
                    views.getOrDefault(c.relationOid(), Map.of()).get(c.ordinal());
            // views cannot be cyclic; the bound only guards against surprises in the parsed text
            for (int hops = 0; origin != null && views.containsKey(origin.relation()) && hops < 100; hops++) {
                origin = views.get(origin.relation()).get(origin.column());
            }
            if (origin != null && !views.containsKey(origin.relation())) {
                origins.put(new ColumnKey(c.relationOid(), c.name()), origin);
            }
        }
        if (origins.isEmpty()) {
            return Map.of();
        }
        List<QueryTreeOrigins.Origin> distinct =
                origins.values().stream().distinct().toList();
        Map<QueryTreeOrigins.Origin, ColumnSource> names = new HashMap<>();
        query(
                "column_names",
                r -> names.put(
                        new QueryTreeOrigins.Origin(r.getLong("relation_oid"), r.getInt("attnum")),
                        new ColumnSource(r.getString("schema"), r.getString("relation"), r.getString("column_name"))),
                distinct.stream().map(QueryTreeOrigins.Origin::relation).toArray(Long[]::new),
                distinct.stream().map(QueryTreeOrigins.Origin::column).toArray(Integer[]::new));
        Map<ColumnKey, ColumnSource> sources = new HashMap<>();
        origins.forEach((column, origin) -> {
            ColumnSource source = names.get(origin);
            if (source != null) {
                sources.put(column, source);
            }
        });
        return sources;
    }

    // ---- functions ----------------------------------------------------------------------------------------------

    private Map<String, List<Function>> functions(
            List<FunctionRow> rows, Map<Long, List<ArgumentRow>> arguments, Map<TypeKey, TypeRef> types)
            throws SQLException {
        Map<Long, List<Grant>> grants = new HashMap<>();
        query(
                "function_grants",
                r -> grants.computeIfAbsent(r.getLong("function_oid"), k -> new ArrayList<>())
                        .add(new Grant(r.getString("role"), r.getString("privilege"))),
                (Object) schemaNames);

        Map<String, List<Function>> bySchema = new HashMap<>();
        for (FunctionRow f : rows) {
            List<ArgumentRow> args =
                    sorted(arguments.getOrDefault(f.oid(), List.of()), Comparator.comparingInt(ArgumentRow::position));
            // the last pronargdefaults input arguments have defaults
            long inputs = args.stream().filter(a -> isInputMode(a.mode())).count();
            List<Argument> list = new ArrayList<>();
            int inputIndex = 0;
            for (ArgumentRow a : args) {
                boolean input = isInputMode(a.mode());
                boolean hasDefault = input && inputIndex >= inputs - f.defaults();
                if (input) {
                    inputIndex++;
                }
                list.add(new Argument(a.name(), types.get(new TypeKey(a.typeOid(), -1)), a.mode(), hasDefault));
            }
            RelationRef returnRelation = f.returnRelationName() == null
                    ? null
                    : new RelationRef(f.returnRelationSchema(), f.returnRelationName());
            bySchema.computeIfAbsent(f.schema(), k -> new ArrayList<>())
                    .add(new Function(
                            f.name(),
                            list,
                            types.get(new TypeKey(f.returnTypeOid(), -1)),
                            f.returnsSet(),
                            returnRelation,
                            f.volatility(),
                            f.securityDefiner(),
                            f.language(),
                            f.settings().stream().sorted().toList(),
                            f.comment(),
                            sorted(grants.getOrDefault(f.oid(), List.of()), GRANT_ORDER),
                            f.source(),
                            f.oneRow()));
        }
        Comparator<Function> order = Comparator.comparing(Function::name)
                .thenComparing(CatalogReader::inputTypes, CatalogReader::compareLists);
        bySchema.replaceAll((schema, list) -> sorted(list, order));
        return bySchema;
    }

    private static boolean isInputMode(String mode) {
        return mode.equals("IN") || mode.equals("INOUT") || mode.equals("VARIADIC");
    }

    private static List<String> inputTypes(Function f) {
        return f.inputs().stream().map(a -> a.type().sql()).toList();
    }

    private static int compareLists(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    // ---- types --------------------------------------------------------------------------------------------------

    private Map<String, List<UserType>> userTypes(
            List<UserTypeRow> rows, Map<Long, List<AttributeRow>> attributes, Map<TypeKey, TypeRef> types) {
        Map<String, List<UserType>> bySchema = new HashMap<>();
        for (UserTypeRow t : rows) {
            TypeRef self = types.get(new TypeKey(t.oid(), -1));
            List<UserType.Attribute> attrs = sorted(
                            attributes.getOrDefault(t.oid(), List.of()), Comparator.comparingInt(AttributeRow::ordinal))
                    .stream()
                    .map(a -> new UserType.Attribute(a.name(), types.get(a.type())))
                    .toList();
            bySchema.computeIfAbsent(t.schema(), k -> new ArrayList<>())
                    .add(new UserType(t.name(), self.category(), t.labels(), attrs, self.baseType(), t.comment()));
        }
        bySchema.replaceAll((schema, list) -> sorted(list, Comparator.comparing(UserType::name)));
        return bySchema;
    }

    private Map<TypeKey, TypeRef> typeRefs(Set<TypeKey> keys) throws SQLException {
        Map<TypeKey, TypeRef> refs = new HashMap<>();
        query(
                "type_refs",
                r -> refs.put(
                        new TypeKey(r.getLong("type_oid"), r.getInt("type_mod")),
                        new TypeRef(
                                r.getString("sql"),
                                r.getString("schema"),
                                r.getString("name"),
                                category(
                                        r.getString("base_typtype"),
                                        r.getString("base_typcategory"),
                                        r.getString("base_schema"),
                                        r.getString("base_name")),
                                r.getInt("array_depth"),
                                r.getString("base_sql"))),
                keys.stream().map(TypeKey::oid).toArray(Long[]::new),
                keys.stream().map(TypeKey::mod).toArray(Integer[]::new));
        return refs;
    }

    /** Classifies the type a value is stored as (for domains, their base type; for arrays, the element type). */
    static TypeCategory category(String typtype, String typcategory, String schema, String name) {
        switch (typtype) {
            case "e":
                return TypeCategory.ENUM;
            case "c":
                return TypeCategory.COMPOSITE;
            case "r", "m":
                return TypeCategory.RANGE;
            case "p":
                return TypeCategory.PSEUDO;
            default:
                break;
        }
        if (schema.equals("pg_catalog")) {
            switch (name) {
                case "json", "jsonb":
                    return TypeCategory.JSON;
                case "uuid":
                    return TypeCategory.UUID;
                case "bytea":
                    return TypeCategory.BINARY;
                default:
                    break;
            }
        }
        return switch (typcategory) {
            case "B" -> TypeCategory.BOOLEAN;
            case "N" -> TypeCategory.NUMERIC;
            case "S" -> TypeCategory.STRING;
            case "D", "T" -> TypeCategory.DATETIME;
            default -> TypeCategory.OTHER;
        };
    }

    // ---- domain casts -------------------------------------------------------------------------------------------

    private List<DomainCast> domainCasts() throws SQLException {
        List<DomainCast> casts = new ArrayList<>();
        query(
                "domain_casts",
                r -> casts.add(new DomainCast(
                        r.getString("source"),
                        r.getString("target"),
                        r.getString("function_schema"),
                        r.getString("function_name"))));
        return sorted(casts, Comparator.comparing(DomainCast::source).thenComparing(DomainCast::target));
    }

    // ---- media type handlers ------------------------------------------------------------------------------------

    private static final Comparator<MediaHandler> HANDLER_ORDER = Comparator.comparing(MediaHandler::mediaType)
            .thenComparing(MediaHandler::name)
            .thenComparing(h -> h.target() == null ? "" : h.target().schema())
            .thenComparing(h -> h.target() == null ? "" : h.target().name());

    private Map<String, List<MediaHandler>> mediaHandlers() throws SQLException {
        Map<String, List<MediaHandler>> bySchema = new HashMap<>();
        query(
                "media_handlers",
                r -> bySchema.computeIfAbsent(r.getString("schema"), k -> new ArrayList<>())
                        .add(new MediaHandler(
                                r.getString("name"),
                                r.getString("media_type"),
                                r.getBoolean("bytea"),
                                r.getString("target_name") == null
                                        ? null
                                        : new RelationRef(r.getString("target_schema"), r.getString("target_name")))),
                (Object) schemaNames);
        bySchema.replaceAll((schema, list) -> sorted(list, HANDLER_ORDER));
        return bySchema;
    }

    // ---- roles --------------------------------------------------------------------------------------------------

    private List<Role> roles() throws SQLException {
        List<Role> roles = new ArrayList<>();
        query(
                "roles",
                r -> roles.add(new Role(
                        r.getString("name"),
                        r.getBoolean("login"),
                        r.getBoolean("inherit"),
                        r.getBoolean("bypass_rls"),
                        strings(r, "member_of").stream().sorted().toList(),
                        strings(r, "settings").stream().sorted().toList())));
        return sorted(roles, Comparator.comparing(Role::name));
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet row) throws SQLException;
    }

    /** Runs {@code <name>.sql}; String[] parameters become text[], Long[] int8[], Integer[] int4[]. */
    private void query(String name, RowHandler handler, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql(name))) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                String type = p instanceof String[] ? "text" : p instanceof Long[] ? "int8" : "int4";
                s.setArray(i + 1, connection.createArrayOf(type, (Object[]) p));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    handler.accept(r);
                }
            }
        }
    }

    private static String sql(String name) {
        try (InputStream in = CatalogReader.class.getResourceAsStream(name + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + ".sql");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(ResultSet r, String column) throws SQLException {
        java.sql.Array array = r.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
        return list.stream().sorted(order).toList();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.strip().lines().findFirst().orElse("unknown error");
    }

    // ---- rows ---------------------------------------------------------------------------------------------------

    private record TypeKey(long oid, int mod) {}

    private record ColumnKey(long relationOid, String column) {}

    private record RelationRow(
            long oid,
            String schema,
            String name,
            RelationKind kind,
            String comment,
            int updatableMask,
            boolean rlsEnabled,
            boolean rlsForced,
            boolean securityInvoker) {
        static RelationRow of(ResultSet r) throws SQLException {
            RelationKind kind = switch (r.getString("kind")) {
                case "r" -> RelationKind.TABLE;
                case "p" -> RelationKind.PARTITIONED_TABLE;
                case "v" -> RelationKind.VIEW;
                case "m" -> RelationKind.MATERIALIZED_VIEW;
                case "f" -> RelationKind.FOREIGN_TABLE;
                default -> throw new IllegalStateException("unexpected relkind " + r.getString("kind"));
            };
            return new RelationRow(
                    r.getLong("oid"),
                    r.getString("schema"),
                    r.getString("name"),
                    kind,
                    r.getString("comment"),
                    r.getInt("updatable_mask"),
                    r.getBoolean("rls_enabled"),
                    r.getBoolean("rls_forced"),
                    r.getBoolean("security_invoker"));
        }
    }

    private record ColumnRow(
            long relationOid,
            String name,
            int ordinal,
            TypeKey type,
            boolean nullable,
            String defaultValue,
            String identity,
            boolean generated,
            String omittedValue,
            String comment) {
        static ColumnRow of(ResultSet r) throws SQLException {
            return new ColumnRow(
                    r.getLong("relation_oid"),
                    r.getString("name"),
                    r.getInt("ordinal"),
                    new TypeKey(r.getLong("type_oid"), r.getInt("type_mod")),
                    r.getBoolean("nullable"),
                    r.getString("default_value"),
                    r.getString("identity"),
                    r.getBoolean("generated"),
                    r.getString("omitted_value"),
                    r.getString("comment"));
        }
    }

    private record FunctionRow(
            long oid,
            String schema,
            String name,
            long returnTypeOid,
            boolean returnsSet,
            boolean oneRow,
            String returnRelationSchema,
            String returnRelationName,
            String volatility,
            boolean securityDefiner,
            String language,
            List<String> settings,
            String comment,
            int defaults,
            String source) {
        static FunctionRow of(ResultSet r) throws SQLException {
            return new FunctionRow(
                    r.getLong("oid"),
                    r.getString("schema"),
                    r.getString("name"),
                    r.getLong("return_type_oid"),
                    r.getBoolean("returns_set"),
                    r.getBoolean("one_row"),
                    r.getString("return_relation_schema"),
                    r.getString("return_relation_name"),
                    r.getString("volatility"),
                    r.getBoolean("security_definer"),
                    r.getString("language"),
                    strings(r, "settings"),
                    r.getString("comment"),
                    r.getInt("defaults"),
                    r.getString("source"));
        }
    }

    private record ArgumentRow(int position, long typeOid, String name, String mode) {
        static ArgumentRow of(ResultSet r) throws SQLException {
            return new ArgumentRow(r.getInt("pos"), r.getLong("type_oid"), r.getString("name"), r.getString("mode"));
        }
    }

    private record UserTypeRow(long oid, String schema, String name, String comment, List<String> labels) {
        static UserTypeRow of(ResultSet r) throws SQLException {
            return new UserTypeRow(
                    r.getLong("oid"),
                    r.getString("schema"),
                    r.getString("name"),
                    r.getString("comment"),
                    strings(r, "labels"));
        }
    }

    private record AttributeRow(String name, int ordinal, TypeKey type) {
        static AttributeRow of(ResultSet r) throws SQLException {
            return new AttributeRow(
                    r.getString("name"),
                    r.getInt("ordinal"),
                    new TypeKey(r.getLong("type_oid_of_attribute"), r.getInt("type_mod")));
        }
    }
}
