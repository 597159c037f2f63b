package dev.pgapi.generator.emit;

import com.palantir.javapoet.CodeBlock;
import dev.pgapi.generator.catalog.Argument;
import dev.pgapi.generator.catalog.Column;
import dev.pgapi.generator.catalog.DomainCast;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.catalog.TypeCategory;
import dev.pgapi.generator.catalog.TypeRef;
import dev.pgapi.generator.model.ApiModel;
import dev.pgapi.generator.model.MediaHandlers;
import dev.pgapi.generator.model.Relationship;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders catalog facts as the runtime descriptors ({@code RelationInfo}, {@code FunctionInfo}) in Java source, with
 * the descriptors' named factories and steps so that a reviewer reads them like a spec: no positional booleans.
 */
final class Descriptors {

    private Descriptors() {}

    /**
     * {@code RelationInfo.relation(schema, name, columns...)} and a named step per further fact: primary key, each
     * allowed write, relationships, computed fields; steps for facts that do not hold are left out. {@code casts} are
     * the domain casts of the columns' types.
     */
    static CodeBlock relation(
            String schema,
            Relation r,
            List<Relationship> relationships,
            List<Function> computed,
            List<DomainCast> casts,
            List<MediaHandlers.Handler> handlers) {
        var columns = r.columns().stream().map(c -> column(c, casts)).toList();
        var block = CodeBlock.builder()
                .add(
                        "$T.relation($S, $S$>$L$<)$>",
                        RuntimeTypes.RELATION_INFO,
                        schema,
                        r.name(),
                        columns.isEmpty() ? "" : CodeBlock.of(",$L", onePerLine(columns)));
        if (!r.primaryKey().isEmpty()) {
            block.add("\n.withPrimaryKey($L)", strings(r.primaryKey()));
        }
        if (r.insertable()) {
            block.add("\n.allowsInsert()");
        }
        if (r.updatable()) {
            block.add("\n.allowsUpdate()");
        }
        if (r.deletable()) {
            block.add("\n.allowsDelete()");
        }
        if (!relationships.isEmpty()) {
            block.add(
                    "\n.withRelationships($L)",
                    onePerLine(relationships.stream()
                            .map(Descriptors::relationship)
                            .toList()));
        }
        if (!computed.isEmpty()) {
            block.add(
                    "\n.withComputedFields($L)",
                    onePerLine(computed.stream()
                            .map(f -> CodeBlock.of(
                                    "$T.function($S, $S).returning($S, $T.$L)",
                                    RuntimeTypes.COMPUTED_FIELD_INFO,
                                    schema,
                                    f.name(),
                                    f.returnType().sql(),
                                    RuntimeTypes.VALUE_KIND,
                                    valueKind(f.returnType())))
                            .toList()));
        }
        mediaHandlers(block, handlers);
        return block.add("$<").build();
    }

    /** {@code .withMediaHandlers(MediaHandlerInfo.aggregate("text/html", "api", "html_agg"), ...)}, when any. */
    private static void mediaHandlers(CodeBlock.Builder block, List<MediaHandlers.Handler> handlers) {
        if (handlers.isEmpty()) {
            return;
        }
        block.add(
                "\n.withMediaHandlers($L)",
                onePerLine(handlers.stream().map(Descriptors::mediaHandler).toList()));
    }

    private static CodeBlock mediaHandler(MediaHandlers.Handler h) {
        var block = CodeBlock.builder();
        switch (h.kind()) {
            case AGGREGATE ->
                block.add(
                        "$T.aggregate($S, $S, $S)",
                        RuntimeTypes.MEDIA_HANDLER_INFO,
                        h.mediaType(),
                        h.schema(),
                        h.name());
            case ANY_ELEMENT ->
                block.add(
                        "$T.anyElementAggregate($S, $S, $S)",
                        RuntimeTypes.MEDIA_HANDLER_INFO,
                        h.mediaType(),
                        h.schema(),
                        h.name());
            case RETURNED -> block.add("$T.returned($S)", RuntimeTypes.MEDIA_HANDLER_INFO, h.mediaType());
        }
        if (h.bytea()) {
            block.add(".binary()");
        }
        return block.build();
    }

    private static CodeBlock column(Column c, List<DomainCast> casts) {
        var block = CodeBlock.builder()
                .add(
                        "$T.column($S, $S, $T.$L)",
                        RuntimeTypes.COLUMN_INFO,
                        c.name(),
                        c.type().sql(),
                        RuntimeTypes.VALUE_KIND,
                        valueKind(c.type()));
        if (!c.nullable()) {
            block.add(".notNull()");
        }
        if (c.omittedValue() != null) {
            block.add(".defaultsTo($S)", c.omittedValue());
        } else if (c.hasDefault()) {
            block.add(".generated()");
        }
        // PostgREST's domain representations: to json for output, from text for filters, from json for bodies
        String type = c.type().sql();
        for (DomainCast cast : casts) {
            if (cast.source().equals(type) && cast.target().equals("json")) {
                block.add(".toJsonWith($S, $S)", cast.functionSchema(), cast.functionName());
            }
        }
        for (String from : List.of("text", "json")) {
            for (DomainCast cast : casts) {
                if (cast.source().equals(from) && cast.target().equals(type)) {
                    block.add(
                            ".$L($S, $S)",
                            from.equals("text") ? "fromTextWith" : "fromJsonWith",
                            cast.functionSchema(),
                            cast.functionName());
                }
            }
        }
        return block.build();
    }

    /** Reads like the foreign key: {@code manyToOne("fk").from("client_id").to("api", "clients", "id")}. */
    private static CodeBlock relationship(Relationship rel) {
        if (rel.function() != null) {
            return CodeBlock.of(
                    "$T.computed($S, $S).$L($S, $S)",
                    RuntimeTypes.RELATIONSHIP_INFO,
                    rel.function().schema(),
                    rel.function().name(),
                    rel.cardinality() == Relationship.Cardinality.MANY_TO_ONE ? "toOne" : "toMany",
                    rel.target().schema(),
                    rel.target().name());
        }
        var block = CodeBlock.builder();
        if (rel.junction() == null) {
            block.add("$T.$L($S)", RuntimeTypes.RELATIONSHIP_INFO, factory(rel.cardinality()), rel.constraint());
        } else {
            var j = rel.junction();
            block.add(
                    "$T.manyToMany($T.table($S, $S)$>$>\n.source($S, $L)\n.target($S, $L))$<\n",
                    RuntimeTypes.RELATIONSHIP_INFO,
                    RuntimeTypes.JUNCTION,
                    j.table().schema(),
                    j.table().name(),
                    j.sourceConstraint(),
                    strings(j.sourceColumns()),
                    j.targetConstraint(),
                    strings(j.targetColumns()));
        }
        block.add(
                ".from($L).$L($S, $S, $L)",
                strings(rel.columns()),
                rel.targetIsView() ? "toView" : "to",
                rel.target().schema(),
                rel.target().name(),
                strings(rel.targetColumns()));
        if (rel.junction() != null) {
            block.add("$<");
        }
        return block.build();
    }

    private static String factory(Relationship.Cardinality cardinality) {
        return switch (cardinality) {
            case MANY_TO_ONE -> "manyToOne";
            case ONE_TO_MANY -> "oneToMany";
            case ONE_TO_ONE -> "oneToOne";
            case MANY_TO_MANY -> throw new IllegalArgumentException("many-to-many needs its junction");
        };
    }

    /**
     * {@code FunctionInfo.function(schema, name)} and a named step per further fact: arguments, result, volatility,
     * result columns, {@code SET} clauses; steps that would restate the starting point are left out.
     */
    static CodeBlock function(
            String schema,
            Function f,
            List<ApiModel.ResultColumn> resultColumns,
            List<MediaHandlers.Handler> handlers) {
        var block = CodeBlock.builder().add("$T.function($S, $S)$>", RuntimeTypes.FUNCTION_INFO, schema, f.name());
        if (!f.inputs().isEmpty()) {
            block.add(
                    "\n.withParams($L)",
                    onePerLine(f.inputs().stream().map(Descriptors::param).toList()));
        }
        block.add(
                "\n.returning($T.$L, $S)",
                RuntimeTypes.RETURN_SHAPE,
                returnShape(f),
                f.returnType().sql());
        switch (f.volatility().toUpperCase(Locale.ROOT)) {
            case "STABLE" -> block.add("\n.stable()");
            case "IMMUTABLE" -> block.add("\n.immutable()");
            default -> {}
        }
        if (!resultColumns.isEmpty()) {
            // result columns may always be null: a function's row type carries no constraints
            block.add(
                    "\n.withColumns($L)",
                    onePerLine(resultColumns.stream()
                            .map(c -> CodeBlock.of(
                                    "$T.column($S, $S, $T.$L)",
                                    RuntimeTypes.COLUMN_INFO,
                                    c.name(),
                                    c.type().sql(),
                                    RuntimeTypes.VALUE_KIND,
                                    valueKind(c.type())))
                            .toList()));
        }
        if (!f.settings().isEmpty()) {
            block.add("\n.withSettings($L)", settings(f.settings()));
        }
        if (f.returnRelation() != null && f.returnRelation().schema().equals(schema)) {
            // PostgREST reads such a result as the relation of the function's schema with that name
            block.add("\n.rowsOf($S)", f.returnRelation().name());
        }
        mediaHandlers(block, handlers);
        return block.add("$<").build();
    }

    private static CodeBlock param(Argument a) {
        var block = CodeBlock.builder()
                .add(
                        "$T.$L($S, $S, $T.$L)",
                        RuntimeTypes.PARAM_INFO,
                        a.mode().equals("VARIADIC") ? "variadicParam" : "param",
                        a.name(),
                        a.type().sql(),
                        RuntimeTypes.VALUE_KIND,
                        valueKind(a.type()));
        if (a.hasDefault()) {
            block.add(".optional()");
        }
        return block.build();
    }

    /** {@code Map.ofEntries(Map.entry("name", "value"), ...)} from the catalog's {@code name=value} clauses. */
    private static CodeBlock settings(List<String> clauses) {
        return CodeBlock.of(
                "$T.ofEntries($L)",
                Map.class,
                onePerLine(clauses.stream()
                        .map(c -> {
                            int eq = c.indexOf('=');
                            return CodeBlock.of("$T.entry($S, $S)", Map.class, c.substring(0, eq), c.substring(eq + 1));
                        })
                        .toList()));
    }

    /** Arguments one per line, one level deeper than the line they continue. */
    private static CodeBlock onePerLine(List<CodeBlock> items) {
        return CodeBlock.builder()
                .add("$>")
                .add(items.stream().map(i -> CodeBlock.of("\n$L", i)).collect(CodeBlock.joining(",")))
                .add("$<")
                .build();
    }

    private static CodeBlock strings(List<String> values) {
        return values.stream().map(v -> CodeBlock.of("$S", v)).collect(CodeBlock.joining(", "));
    }

    /** The shape PostgREST gives a function's result. */
    static String returnShape(Function f) {
        TypeRef type = f.returnType();
        if (type.name().equals("void") && !f.returnsSet()) {
            return "VOID";
        }
        boolean composite = f.returnRelation() != null
                || (type.category() == TypeCategory.COMPOSITE && type.arrayDepth() == 0)
                || type.name().equals("record");
        if (f.returnsSet()) {
            return composite ? "SETOF_COMPOSITE" : "SETOF_SCALAR";
        }
        return composite ? "COMPOSITE" : "SCALAR";
    }

    /** What the runtime may check about a value before PostgreSQL sees it. */
    static String valueKind(TypeRef type) {
        if (type.arrayDepth() > 0) {
            return "OTHER";
        }
        return switch (type.category()) {
            case BOOLEAN -> "BOOLEAN";
            case NUMERIC ->
                switch (type.name()) {
                    case "int2" -> "SMALLINT";
                    case "int4" -> "INTEGER";
                    case "int8" -> "BIGINT";
                    case "money" -> "OTHER";
                    default -> "NUMERIC";
                };
            case STRING -> "TEXT";
            case UUID -> "UUID";
            case JSON -> "JSON";
            default -> "OTHER";
        };
    }
}
