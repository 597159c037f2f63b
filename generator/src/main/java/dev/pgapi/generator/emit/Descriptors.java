package dev.pgapi.generator.emit;

import com.palantir.javapoet.CodeBlock;
import dev.pgapi.generator.catalog.Argument;
import dev.pgapi.generator.catalog.Column;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.catalog.TypeCategory;
import dev.pgapi.generator.catalog.TypeRef;
import dev.pgapi.generator.model.Relationship;
import java.util.ArrayList;
import dev.pgapi.generator.model.ApiModel;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders catalog facts as the runtime descriptors ({@code RelationInfo}, {@code FunctionInfo}) in Java source. */
final class Descriptors {

    private Descriptors() {
    }

    static CodeBlock relation(String schema, Relation r, List<Relationship> relationships, List<Function> computed) {
        var columns = CodeBlock.builder();
        for (int i = 0; i < r.columns().size(); i++) {
            Column c = r.columns().get(i);
            columns.add("$T.column($S, $S, $T.$L)", RuntimeTypes.COLUMN_INFO, c.name(), c.type().sql(),
                    RuntimeTypes.VALUE_KIND, valueKind(c.type()));
            if (!c.nullable()) {
                columns.add(".notNull()");
            }
            if (c.omittedValue() != null) {
                columns.add(".defaultsTo($S)", c.omittedValue());
            } else if (c.hasDefault()) {
                columns.add(".generated()");
            }
            if (i < r.columns().size() - 1) {
                columns.add(",\n");
            }
        }
        return CodeBlock.builder()
                .add("new $T(\n$>$>", RuntimeTypes.RELATION_INFO)
                .add("$S,\n$S,\n", schema, r.name())
                .add("$T.of(\n$>$L$<),\n", List.class, columns.build())
                .add("$T.of($L),\n", List.class, strings(r.primaryKey()))
                .add("$L,\n$L,\n$L,\n", r.insertable(), r.updatable(), r.deletable())
                .add("$L", relationships(relationships))
                .add("$L", computed(schema, computed))
                .add(")$<$<")
                .build();
    }

    /** The computed fields argument, absent when there are none (the constructor without it). */
    private static CodeBlock computed(String schema, List<Function> computed) {
        if (computed.isEmpty()) {
            return CodeBlock.of("");
        }
        var items = new ArrayList<CodeBlock>();
        for (Function f : computed) {
            items.add(CodeBlock.of("new $T($S, $S, $S, $T.$L)", RuntimeTypes.COMPUTED_FIELD_INFO, schema, f.name(),
                    f.returnType().sql(), RuntimeTypes.VALUE_KIND, valueKind(f.returnType())));
        }
        return CodeBlock.builder().add(",\n$T.of(\n$>$L$<)", List.class, CodeBlock.join(items, ",\n")).build();
    }

    private static CodeBlock relationships(List<Relationship> relationships) {
        if (relationships.isEmpty()) {
            return CodeBlock.of("$T.of()", List.class);
        }
        var items = new ArrayList<CodeBlock>();
        for (Relationship rel : relationships) {
            CodeBlock junction = rel.junction() == null ? CodeBlock.of("null")
                    : CodeBlock.of("new $T($S, $S, $S, $T.of($L), $S, $T.of($L))", RuntimeTypes.JUNCTION,
                            rel.junction().table().schema(), rel.junction().table().name(),
                            rel.junction().sourceConstraint(), List.class, strings(rel.junction().sourceColumns()),
                            rel.junction().targetConstraint(), List.class, strings(rel.junction().targetColumns()));
            items.add(CodeBlock.of("new $T($S, $T.$L, $S, $S, $L, $T.of($L), $T.of($L), $L)",
                    RuntimeTypes.RELATIONSHIP_INFO, rel.constraint(), RuntimeTypes.CARDINALITY, rel.cardinality().name(),
                    rel.target().schema(), rel.target().name(), rel.targetIsView(), List.class,
                    strings(rel.columns()), List.class, strings(rel.targetColumns()), junction));
        }
        return CodeBlock.builder().add("$T.of(\n$>$L$<)", List.class, CodeBlock.join(items, ",\n")).build();
    }

    static CodeBlock function(String schema, Function f, List<ApiModel.ResultColumn> resultColumns) {
        var params = CodeBlock.builder();
        List<Argument> inputs = f.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            Argument a = inputs.get(i);
            params.add("new $T($S, $S, $T.$L, $L, $L)", RuntimeTypes.PARAM_INFO, a.name(), a.type().sql(),
                    RuntimeTypes.VALUE_KIND, valueKind(a.type()), a.hasDefault(), a.mode().equals("VARIADIC"));
            if (i < inputs.size() - 1) {
                params.add(",\n");
            }
        }
        CodeBlock paramList = inputs.isEmpty()
                ? CodeBlock.of("$T.of()", List.class)
                : CodeBlock.builder().add("$T.of(\n$>$L$<)", List.class, params.build()).build();
        var columns = CodeBlock.builder();
        for (int i = 0; i < resultColumns.size(); i++) {
            ApiModel.ResultColumn c = resultColumns.get(i);
            // result columns may always be null: a function's row type carries no constraints
            columns.add("$T.column($S, $S, $T.$L)", RuntimeTypes.COLUMN_INFO, c.name(), c.type().sql(),
                    RuntimeTypes.VALUE_KIND, valueKind(c.type()));
            if (i < resultColumns.size() - 1) {
                columns.add(",\n");
            }
        }
        CodeBlock columnList = resultColumns.isEmpty()
                ? CodeBlock.of("$T.of()", List.class)
                : CodeBlock.builder().add("$T.of(\n$>$L$<)", List.class, columns.build()).build();
        return CodeBlock.builder()
                .add("new $T(\n$>$>", RuntimeTypes.FUNCTION_INFO)
                .add("$S,\n$S,\n", schema, f.name())
                .add("$L,\n", paramList)
                .add("$T.$L,\n", RuntimeTypes.RETURN_SHAPE, returnShape(f))
                .add("$S,\n", f.returnType().sql())
                .add("$T.$L,\n", RuntimeTypes.VOLATILITY, f.volatility().toUpperCase(Locale.ROOT))
                .add("$L", columnList)
                .add(settings(f.settings()))
                .add(")$<$<")
                .build();
    }

    /** {@code , Map.of("name", "value", ...)} from the catalog's {@code name=value} clauses; nothing when none. */
    private static CodeBlock settings(List<String> clauses) {
        if (clauses.isEmpty()) {
            return CodeBlock.of("");
        }
        CodeBlock entries = clauses.stream().map(c -> {
            int eq = c.indexOf('=');
            return CodeBlock.of("$T.entry($S, $S)", Map.class, c.substring(0, eq), c.substring(eq + 1));
        }).collect(CodeBlock.joining(",\n"));
        return CodeBlock.builder().add(",\n$T.ofEntries(\n$>$L$<)", Map.class, entries).build();
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
            case NUMERIC -> switch (type.name()) {
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
