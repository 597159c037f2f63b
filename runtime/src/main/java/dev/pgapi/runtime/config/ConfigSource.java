package dev.pgapi.runtime.config;

import java.nio.file.Path;
import java.util.Map;

/** Where a service's configuration comes from, read again on every reload. */
public interface ConfigSource {

    /**
     * Reads the configuration.
     *
     * @param database the in-database settings by key name ({@code db-config}); they win over everything else
     * @throws ConfigException listing every problem found
     */
    RuntimeConfig load(Map<String, String> database);

    /** Whether in-database settings can take part (a fixed configuration has no layers to put them on). */
    boolean layered();

    /** The configuration file (or none) and the {@code PGRST_*} environment, re-read on every reload. */
    static ConfigSource of(Path fileOrNull, Map<String, String> env) {
        Map<String, String> environment = Map.copyOf(env);
        return new ConfigSource() {
            @Override
            public RuntimeConfig load(Map<String, String> database) {
                return RuntimeConfig.load(fileOrNull, environment, database);
            }

            @Override
            public boolean layered() {
                return true;
            }
        };
    }

    /**
     * A configuration built in code (tests, embedding): no in-database settings; a reload applies it again, which
     * still clears the token cache.
     */
    static ConfigSource fixed(RuntimeConfig config) {
        return new ConfigSource() {
            @Override
            public RuntimeConfig load(Map<String, String> database) {
                return config;
            }

            @Override
            public boolean layered() {
                return false;
            }
        };
    }
}
