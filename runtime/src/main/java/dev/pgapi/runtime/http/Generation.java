package dev.pgapi.runtime.http;

import dev.pgapi.runtime.auth.JwtAuthenticator;
import dev.pgapi.runtime.config.RuntimeConfig;
import dev.pgapi.runtime.db.Database;
import dev.pgapi.runtime.db.Databases;
import dev.pgapi.runtime.db.RequestExecutor;
import java.util.function.Function;

/**
 * Everything a request uses that a configuration reload replaces: the configuration, the token verifier and the
 * handlers built on them. A request keeps the generation the API filter saw, so a reload never mixes two
 * configurations in one request. {@code pending} is true while the in-database configuration ({@code db-config})
 * could not be read yet: requests then answer 503, as while the database is unreachable.
 */
record Generation(
        RuntimeConfig config,
        JwtAuthenticator authenticator,
        Profiles profiles,
        Responses responses,
        RequestRunner runner,
        ReadHandler reads,
        CallHandler calls,
        WriteHandler writes,
        RequestTransactions transactions,
        boolean pending) {

    static Generation of(
            RuntimeConfig config,
            JwtAuthenticator authenticator,
            Databases databases,
            Function<Database, RequestExecutor> executors,
            boolean pending) {
        var profiles = new Profiles(config.dbSchemas());
        var responses = new Responses(config.clientErrorVerbosity() == RuntimeConfig.ErrorVerbosity.MINIMAL);
        var runner = new RequestRunner(config, databases, executors, profiles, responses);
        return new Generation(
                config,
                authenticator,
                profiles,
                responses,
                runner,
                new ReadHandler(runner),
                new CallHandler(runner),
                new WriteHandler(runner),
                new RequestTransactions(runner),
                pending);
    }
}
