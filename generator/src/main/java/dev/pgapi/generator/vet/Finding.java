package dev.pgapi.generator.vet;

/**
 * Something in the schema that an API exposed to the internet should probably not have.
 *
 * @param rule     the rule's name, e.g. {@code anon-write}
 * @param object   the object concerned, schema-qualified
 * @param message  what is wrong and what to do about it, one line
 */
public record Finding(String rule, String object, String message) {

    @Override
    public String toString() {
        return rule + " " + object + ": " + message;
    }
}
