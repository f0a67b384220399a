package org.example.node.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle as the repository records it, in an in-memory H2 database. */
class OperationsTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private Database database;
    private OperationRepository repository;
    private Operations operations;

    @BeforeEach
    void open() throws SQLException {
        database = new Database("jdbc:h2:mem:" + UUID.randomUUID());
        repository = new OperationRepository(database);
        repository.createTable();
        operations = new Operations(repository, NOW);
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
    }

    @Test
    void workRunsInProgressAndEndsCompleted() throws Exception {
        String id = UUID.randomUUID().toString();

        OperationStatus during = operations.run(id, "publish", "otp:2043",
                () -> repository.findById(id).orElseThrow().status());

        assertEquals(OperationStatus.IN_PROGRESS, during);
        Operation operation = repository.findById(id).orElseThrow();
        assertEquals(new Operation(id, "publish", "otp:2043", OperationStatus.COMPLETED, null, NOW.millis(),
                NOW.millis()), operation);
    }

    @Test
    void failingWorkEndsFailedAndItsExceptionReachesTheCaller() throws SQLException {
        String id = UUID.randomUUID().toString();
        IOException failure = new IOException("chain did not confirm");

        IOException thrown = assertThrows(IOException.class, () -> operations.run(id, "update", null, () -> {
            throw failure;
        }));

        assertSame(failure, thrown);
        Operation operation = repository.findById(id).orElseThrow();
        assertEquals(OperationStatus.FAILED, operation.status());
        assertEquals("chain did not confirm", operation.error());
    }

    @Test
    void anOperationIdCannotBeReused() throws Exception {
        String id = UUID.randomUUID().toString();
        operations.run(id, "publish", "otp:2043", () -> 1);
        int[] runs = {0};

        assertThrows(OperationStoreException.class, () -> operations.run(id, "publish", "otp:2043", () -> ++runs[0]));

        assertEquals(0, runs[0], "the work did not run");
    }
}
