package dev.pgapi.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.pgapi.generator.model.ApiModel;
import java.util.List;
import javax.lang.model.element.Modifier;

/** {@code ApiRouting}, the feature that mounts every service, and {@code Main}, the entry point. */
final class RoutingEmitter {

    private RoutingEmitter() {}

    static JavaFile routing(String packageName, ApiModel model) {
        var setup = MethodSpec.methodBuilder("setup")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(RuntimeTypes.HTTP_ROUTING_BUILDER, "routing")
                .addComment("the entry points of the routes below; embedding reaches the relations listed here")
                .addStatement("$T endpoints = api.endpoints(RELATIONS, FUNCTIONS)", RuntimeTypes.API_ENDPOINTS)
                .addComment("the token is checked and the schema chosen before any route, as PostgREST does")
                .addStatement("routing.addFilter(api.filter())");
        for (var r : model.relations()) {
            setup.addStatement(
                    "routing.register($S, new $T(endpoints))",
                    "/" + r.relation().name(),
                    ClassName.get(r.packageName(), r.className()));
        }
        for (var f : model.functions()) {
            setup.addStatement(
                    "routing.register($S, new $T(endpoints))",
                    "/rpc/" + f.name(),
                    ClassName.get(f.packageName(), f.className()));
        }
        setup.addStatement("endpoints.fallbacks(routing)");

        var relations = model.relations().stream()
                .map(r -> CodeBlock.of("$T.RELATION", ClassName.get(r.packageName(), r.className())))
                .collect(CodeBlock.joining(",\n"));
        var functions = model.functions().stream()
                .map(f -> CodeBlock.of("$T.OVERLOADS", ClassName.get(f.packageName(), f.className())))
                .collect(CodeBlock.joining(",\n"));
        var listOfRelations = ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.RELATION_INFO);
        var listOfFunctions = ParameterizedTypeName.get(
                ClassName.get(List.class),
                ParameterizedTypeName.get(ClassName.get(List.class), RuntimeTypes.FUNCTION_INFO));

        TypeSpec type = TypeSpec.classBuilder("ApiRouting")
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addSuperinterface(RuntimeTypes.HTTP_FEATURE)
                .addAnnotation(ServiceEmitter.generated("api"))
                .addJavadoc("Mounts the generated API. Add it to a Helidon routing with\n"
                        + "{@code routing.addFeature(new ApiRouting(api))}; routes added after it are the user's.\n")
                .addField(FieldSpec.builder(
                                listOfRelations, "RELATIONS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Every exposed relation.\n")
                        .initializer(
                                model.relations().isEmpty()
                                        ? CodeBlock.of("$T.of()", List.class)
                                        : CodeBlock.of("$T.of(\n$>$L$<)", List.class, relations))
                        .build())
                .addField(FieldSpec.builder(
                                listOfFunctions, "FUNCTIONS", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                        .addJavadoc("Every exposed function, as its list of overloads.\n")
                        .initializer(
                                model.functions().isEmpty()
                                        ? CodeBlock.of("$T.of()", List.class)
                                        : CodeBlock.of("$T.of(\n$>$L$<)", List.class, functions))
                        .build())
                .addField(FieldSpec.builder(RuntimeTypes.API_RUNTIME, "api", Modifier.PRIVATE, Modifier.FINAL)
                        .build())
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PUBLIC)
                        .addParameter(RuntimeTypes.API_RUNTIME, "api")
                        .addStatement("this.api = api")
                        .build())
                .addMethod(setup.build())
                .build();
        return ServiceEmitter.file(packageName, type);
    }

    static JavaFile main(String packageName) {
        TypeSpec type = TypeSpec.classBuilder("Main")
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addAnnotation(ServiceEmitter.generated("api"))
                .addJavadoc("Runs the API: {@code java -jar app.jar [config-file]}, configured like PostgREST\n"
                        + "(the file's keys, overridden by {@code PGRST_*} environment variables).\n")
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build())
                .addMethod(MethodSpec.methodBuilder("main")
                        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addParameter(String[].class, "args")
                        .addStatement("$T.run(args, ApiRouting::new)", RuntimeTypes.PGAPI_SERVER)
                        .build())
                .build();
        return ServiceEmitter.file(packageName, type);
    }
}
