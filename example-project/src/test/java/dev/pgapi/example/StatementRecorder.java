package dev.pgapi.example;

import dev.pgapi.runtime.db.Database;
import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.db.RequestExecutor;
import dev.pgapi.runtime.db.RequestSettings;
import dev.pgapi.runtime.db.RoleSettings;
import dev.pgapi.runtime.query.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the statements each request rendered instead of running them: the executor of the SQL goldens' runtime. Role
 * settings still come from the database, so the settings statement is the one the service sends.
 */
final class StatementRecorder implements RequestExecutor {

    /** The statements of one request, as they reached the database seam. */
    record Round(RequestSettings settings, Sql preRequest, Sql main, Sql explain, Database.End end, boolean checked) {}

    private final Database database;
    private final List<Round> rounds = new ArrayList<>();

    StatementRecorder(Database database) {
        this.database = database;
    }

    @Override
    public RoleSettings.Entry roleSettings(String role) throws SQLException {
        return database.roleSettings(role);
    }

    /** Records the statements, then fails the request: nothing is run. */
    @Override
    public synchronized QueryResult execute(
            RequestSettings settings, Sql preRequest, Sql main, Sql explain, Database.End end, Database.Check check)
            throws SQLException {
        rounds.add(new Round(settings, preRequest, main, explain, end, check != null));
        throw new SQLException("recorded, not run", "57014");
    }

    /** What was recorded since the last call, in order. */
    synchronized List<Round> take() {
        var taken = List.copyOf(rounds);
        rounds.clear();
        return taken;
    }
}
