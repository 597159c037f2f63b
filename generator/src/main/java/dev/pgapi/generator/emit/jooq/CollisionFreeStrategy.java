package dev.pgapi.generator.emit.jooq;

import java.util.Set;
import org.jooq.codegen.DefaultGeneratorStrategy;
import org.jooq.meta.Definition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;

/**
 * jOOQ's default naming, with a trailing underscore on the two kinds of class name that make jOOQ's output fail to
 * compile or warn under {@code -Xlint:all}:
 * <ul>
 *   <li>a name of {@code java.lang} that generated code uses unqualified: a table {@code class} would become a class
 *       {@code Class} that hides {@code java.lang.Class} in every other table class;</li>
 *   <li>a table or schema class named like its own static instance ({@code t1} → class and field {@code T1}), which
 *       jOOQ then references as {@code T1.T1}: javac reads that as a static field through an instance.</li>
 * </ul>
 * Every other name is jOOQ's.
 */
public class CollisionFreeStrategy extends DefaultGeneratorStrategy {

    /** Fixed rather than looked up, so that the output does not depend on the JDK that runs the generator. */
    private static final Set<String> JAVA_LANG = Set.of(
            "Boolean",
            "Byte",
            "Character",
            "Class",
            "Comparable",
            "Deprecated",
            "Double",
            "Enum",
            "Error",
            "Exception",
            "Float",
            "Integer",
            "Iterable",
            "Long",
            "Math",
            "Number",
            "Object",
            "Override",
            "Record",
            "RuntimeException",
            "Short",
            "String",
            "SuppressWarnings",
            "System",
            "Throwable",
            "Void");

    @Override
    public String getJavaClassName(Definition definition, Mode mode) {
        String name = super.getJavaClassName(definition, mode);
        if (mode != Mode.DEFAULT) {
            return name;
        }
        boolean instanceClash = (definition instanceof TableDefinition || definition instanceof SchemaDefinition)
                && name.equals(getJavaIdentifier(definition));
        return JAVA_LANG.contains(name) || instanceClash ? name + "_" : name;
    }
}
