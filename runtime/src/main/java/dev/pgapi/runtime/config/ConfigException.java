package dev.pgapi.runtime.config;

import java.util.List;

/** Invalid configuration: one line per problem, all problems at once, so a fix-and-retry loop is short. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
