package dev.pgapi.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabasesTest {

    @Test
    void readsAreRepeatedOnThePrimaryOnlyWhenTheReplicaItselfFailed() {
        assertThat(Databases.replicaFailure(new SQLException("refused", "08001")))
                .isTrue();
        assertThat(Databases.replicaFailure(new SQLException("broken", "08006")))
                .isTrue();
        assertThat(Databases.replicaFailure(new SQLException("shutdown", "57P01")))
                .isTrue();
        assertThat(Databases.replicaFailure(new SQLException("conflict with recovery", "40001")))
                .isTrue();
        assertThat(Databases.replicaFailure(
                        new SQLTransientConnectionException("pool", new SQLException("refused", "08001"))))
                .as("the pool could not connect")
                .isTrue();

        assertThat(Databases.replicaFailure(new SQLTransientConnectionException("pool busy")))
                .as("the replica's pool is busy: the primary's would not be faster")
                .isFalse();
        assertThat(Databases.replicaFailure(new SQLException("permission denied", "42501")))
                .isFalse();
        assertThat(Databases.replicaFailure(new SQLException("read-only transaction", "25006")))
                .isFalse();
        assertThat(Databases.replicaFailure(new SQLException("no state"))).isFalse();
    }

    @Test
    void replicasAreNamedByTheirHostsAndDatabaseWithoutParameters() {
        assertThat(Databases.hosts("jdbc:postgresql://r1:5433/app?ApplicationName=pgapi"))
                .isEqualTo("r1:5433/app");
        assertThat(Databases.hosts("jdbc:postgresql://a:1,b:2/db")).isEqualTo("a:1,b:2/db");
    }

    @Test
    void walPositionsCompareAsNumbers() {
        assertThat(ReadReplica.lsn("0/17906E8")).isEqualTo(0x17906E8L);
        assertThat(ReadReplica.lsn("1/0")).isGreaterThan(ReadReplica.lsn("0/FFFFFFFF"));
    }
}
