package dev.pgapi.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Function settings named in {@code db-hoisted-tx-settings} apply to the call's whole transaction (V41). */
class HoistedSettingsIT {

    private static DevServer server;
    private static DevServer timeoutNotHoisted;
    private static ApiClient anon;
    private static ApiClient carol;

    @BeforeAll
    static void start() throws Exception {
        server = DevServer.start(Map.of("PGRST_SERVER_PORT", "0"));
        timeoutNotHoisted = DevServer.start(
                Map.of("PGRST_SERVER_PORT", "0", "PGRST_DB_HOISTED_TX_SETTINGS", "default_transaction_isolation"));
        anon = new ApiClient(server.port(), null);
        carol = anon.as("carol@example.com", "carol-password");
    }

    @AfterAll
    static void stop() {
        server.close();
        timeoutNotHoisted.close();
    }

    @Test
    void hoistedStatementTimeoutCancelsTheCall() throws Exception {
        var res = anon.send("POST", "/rpc/slow_hoisted", "{}");
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(res.body())
                .isEqualTo("{\"code\":\"57014\",\"details\":null,\"hint\":null,"
                        + "\"message\":\"canceling statement due to statement timeout\"}");
    }

    @Test
    void statementTimeoutLeftOutOfTheListStaysLocalToTheFunction() throws Exception {
        var res = new ApiClient(timeoutNotHoisted.port(), null).send("POST", "/rpc/slow_hoisted", "{}");
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo("1");
    }

    @Test
    void functionIsolationLevelBecomesTheTransactions() throws Exception {
        assertThat(anon.send("POST", "/rpc/serializable_isolation", "{}").body())
                .isEqualTo("\"serializable\"");
        // the next transaction (api.get_guc is for signed-in users; carol's role has no isolation setting)
        assertThat(carol.get("/rpc/get_guc?name=transaction_isolation").body()).isEqualTo("\"read committed\"");
    }

    @Test
    void settingNotInTheListAppliesInsideTheFunctionOnly() throws Exception {
        assertThat(anon.get("/rpc/local_work_mem").body()).isEqualTo("\"1234kB\"");
        var workMem = carol.get("/rpc/get_guc?name=work_mem");
        assertThat(workMem.statusCode()).isEqualTo(200);
        assertThat(workMem.body()).isNotEqualTo("\"1234kB\"");
    }
}
