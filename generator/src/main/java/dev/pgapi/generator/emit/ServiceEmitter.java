package dev.pgapi.generator.emit;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.pgapi.generator.catalog.Function;
import dev.pgapi.generator.catalog.Relation;
import dev.pgapi.generator.model.ApiModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/** One Helidon {@code HttpService} per relation and per function name. */
final class ServiceEmitter {

    static final String GENERATOR = "dev.pgapi.generator.Generator";

    private ServiceEmitter() {}

    static JavaFile relation(ApiModel.RelationResource resource) {
        Relation r = resource.relation();
        FieldSpec descriptor = FieldSpec.builder(
                        RuntimeTypes.RELATION_INFO, "RELATION", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The relation as the runtime sees it.\n")
                .initializer(Descriptors.relation(
                        resource.schema(),
                        r,
                        resource.relationships(),
                        resource.computedFields(),
                        resource.domainCasts(),
                        resource.mediaHandlers()))
                .build();
        TypeSpec type = service(resource.className(), resource.schema() + "." + r.name())
                .addJavadoc(javadoc(
                        "{@code /" + r.name() + "}: the " + kind(r) + " {@code " + resource.schema() + "." + r.name()
                                + "}.",
                        r.comment()))
                .addField(descriptor)
                .addField(endpointsField())
                .addMethod(constructor())
                .addMethod(routing(
                        "RELATION",
                        RuntimeTypes.RELATION_HANDLERS,
                        "get",
                        "read",
                        "head",
                        "read",
                        "post",
                        "insert",
                        "put",
                        "upsert",
                        "patch",
                        "update",
                        "delete",
                        "delete",
                        "options",
                        "options",
                        "any",
                        "unsupported"))
                .build();
        return file(resource.packageName(), type);
    }

    static JavaFile function(ApiModel.FunctionResource resource) {
        var overloads = CodeBlock.builder();
        List<Function> fs = resource.overloads();
        for (int i = 0; i < fs.size(); i++) {
            overloads.add(Descriptors.function(
                    resource.schema(),
                    fs.get(i),
                    resource.resultColumns().get(i),
                    resource.mediaHandlers().get(i)));
            if (i < fs.size() - 1) {
                overloads.add(",\n");
            }
        }
        TypeName listOfInfo = ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.FUNCTION_INFO);
        FieldSpec descriptor = FieldSpec.builder(
                        listOfInfo, "OVERLOADS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The function's overloads as the runtime sees them.\n")
                .initializer(CodeBlock.builder()
                        .add("$T.of(\n$>$L$<)", List.class, overloads.build())
                        .build())
                .build();
        String qualified = resource.schema() + "." + resource.name();
        TypeSpec type = service(resource.className(), qualified)
                .addJavadoc(javadoc(
                        "{@code /rpc/" + resource.name() + "}: calls {@code " + qualified + "}.",
                        fs.getFirst().comment()))
                .addField(descriptor)
                .addField(endpointsField())
                .addMethod(constructor())
                .addMethod(routing(
                        "OVERLOADS",
                        RuntimeTypes.FUNCTION_HANDLERS,
                        "get",
                        "call",
                        "head",
                        "call",
                        "post",
                        "call",
                        "options",
                        "options",
                        "any",
                        "unsupported"))
                .build();
        return file(resource.packageName(), type);
    }

    /**
     * {@code routing(HttpRules)} chaining one rule per (HTTP method, handler) pair, all at the root. The handlers come
     * from the runtime, built for this service's descriptor (a lambda per route here would be a class per route for
     * the JVM to spin at startup); the runtime answers for the descriptor's schema only.
     */
    private static MethodSpec routing(String descriptor, ClassName handlersType, String... methodAndHandler) {
        var chain = CodeBlock.builder().add("rules");
        for (int i = 0; i < methodAndHandler.length; i += 2) {
            chain.add(i == 0 ? "" : "\n")
                    .add(".$L($S, handlers.$L())", methodAndHandler[i], "/", methodAndHandler[i + 1]);
        }
        return MethodSpec.methodBuilder("routing")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeTypes.HTTP_RULES, "rules")
                .addStatement("$T handlers = endpoints.handlers($L)", handlersType, descriptor)
                .addStatement(chain.build())
                .build();
    }

    private static TypeSpec.Builder service(String className, String trigger) {
        return TypeSpec.classBuilder(className)
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeTypes.HTTP_SERVICE)
                .addAnnotation(generated(trigger));
    }

    static AnnotationSpec generated(String trigger) {
        return AnnotationSpec.builder(RuntimeTypes.GENERATED)
                .addMember("value", "$S", GENERATOR)
                .addMember("trigger", "$S", trigger)
                .build();
    }

    private static FieldSpec endpointsField() {
        return FieldSpec.builder(RuntimeTypes.API_ENDPOINTS, "endpoints", Modifier.PRIVATE, Modifier.FINAL)
                .build();
    }

    private static MethodSpec constructor() {
        return MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeTypes.API_ENDPOINTS, "endpoints")
                .addStatement("this.endpoints = endpoints")
                .build();
    }

    private static String kind(Relation r) {
        return switch (r.kind()) {
            case TABLE -> "table";
            case PARTITIONED_TABLE -> "partitioned table";
            case VIEW -> "view";
            case MATERIALIZED_VIEW -> "materialized view";
            case FOREIGN_TABLE -> "foreign table";
        };
    }

    static String javadoc(String summary, String comment) {
        String text = summary + "\n";
        if (comment != null && !comment.isBlank()) {
            text += "\n<p>" + escape(comment.strip()) + "\n";
        }
        return text.replace("$", "$$");
    }

    private static String escape(String comment) {
        return comment.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("*/", "*&#47;")
                .replace("@", "&#64;");
    }

    static JavaFile file(String packageName, TypeSpec type) {
        return JavaFile.builder(packageName, type)
                .addFileComment("Generated by pgapi. DO NOT EDIT.")
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
    }
}
