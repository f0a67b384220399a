package org.example.node.operation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's queries against real H2, in file mode as the node runs it. */
class OperationRepositoryTest {
    @TempDir
    Path dataDir;
    private Database database;
    private OperationRepository repository;

    @BeforeEach
    void open() throws SQLException {
        database = new Database("jdbc:h2:file:" + dataDir.resolve("operations"));
        repository = new OperationRepository(database);
        repository.createTable();
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
    }

    @Test
    void insertedOperationIsFoundById() throws SQLException {
        Operation operation = created("publish", 1000);

        repository.insertOperation(operation);

        assertEquals(operation, repository.findById(operation.operationId()).orElseThrow());
        assertTrue(repository.findById(UUID.randomUUID().toString()).isEmpty());
    }

    @Test
    void updateStatusMovesTheLifecycleOn() throws SQLException {
        Operation operation = created("update", 1000);
        repository.insertOperation(operation);

        assertTrue(repository.updateStatus(operation.operationId(), OperationStatus.FAILED, "unknown ual", 2000));

        Operation failed = repository.findById(operation.operationId()).orElseThrow();
        assertEquals(OperationStatus.FAILED, failed.status());
        assertEquals("unknown ual", failed.error());
        assertEquals(1000, failed.createdAtMillis());
        assertEquals(2000, failed.updatedAtMillis());
        assertFalse(repository.updateStatus("no-such-id", OperationStatus.COMPLETED, null, 3000));
    }

    @Test
    void countByStatusCountsEachStatus() throws SQLException {
        for (int i = 0; i < 3; i++) {
            repository.insertOperation(created("publish", 1000));
        }
        Operation done = created("publish", 1000);
        repository.insertOperation(done);
        repository.updateStatus(done.operationId(), OperationStatus.COMPLETED, null, 1500);

        assertEquals(3, repository.countByStatus(OperationStatus.CREATED));
        assertEquals(1, repository.countByStatus(OperationStatus.COMPLETED));
        assertEquals(0, repository.countByStatus(OperationStatus.FAILED));
    }

    @Test
    void deleteFinishedBeforeKeepsRecentAndUnfinishedOperations() throws SQLException {
        Operation old = finished(OperationStatus.COMPLETED, 100);
        Operation oldFailed = finished(OperationStatus.FAILED, 100);
        Operation recent = finished(OperationStatus.COMPLETED, 900);
        Operation running = created("publish", 100);
        repository.insertOperation(running);

        assertEquals(2, repository.deleteFinishedBefore(500));

        assertTrue(repository.findById(old.operationId()).isEmpty());
        assertTrue(repository.findById(oldFailed.operationId()).isEmpty());
        assertTrue(repository.findById(recent.operationId()).isPresent());
        assertTrue(repository.findById(running.operationId()).isPresent());
    }

    @Test
    void operationsSurviveReopeningTheDatabase() throws SQLException {
        Operation operation = created("publish", 1000);
        repository.insertOperation(operation);
        database.close();

        database = new Database("jdbc:h2:file:" + dataDir.resolve("operations"));
        repository = new OperationRepository(database);
        repository.createTable();

        assertEquals(operation, repository.findById(operation.operationId()).orElseThrow());
    }

    @Test
    void duplicateIdIsRejected() throws SQLException {
        Operation operation = created("publish", 1000);
        repository.insertOperation(operation);

        assertThrows(SQLException.class, () -> repository.insertOperation(operation));
    }

    private Operation finished(OperationStatus status, long atMillis) throws SQLException {
        Operation operation = created("publish", atMillis);
        repository.insertOperation(operation);
        repository.updateStatus(operation.operationId(), status, null, atMillis);
        return operation;
    }

    private static Operation created(String kind, long atMillis) {
        return new Operation(UUID.randomUUID().toString(), kind, "otp:2043", OperationStatus.CREATED, null,
                atMillis, atMillis);
    }
}
