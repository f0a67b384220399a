package org.example.node.operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** The {@code operations} table, one method and one prepared statement per query. */
public class OperationRepository {
    private static final int MAX_ERROR_LENGTH = 1000;

    private final Database database;

    public OperationRepository(Database database) {
        this.database = database;
    }

    /** Creates the table unless it exists, so a node can reopen the database of an earlier run. */
    public void createTable() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS operations ("
                    + " operation_id VARCHAR(36) PRIMARY KEY,"
                    + " kind VARCHAR(32) NOT NULL,"
                    + " blockchain VARCHAR(64),"
                    + " status VARCHAR(16) NOT NULL,"
                    + " error VARCHAR(" + MAX_ERROR_LENGTH + "),"
                    + " created_at_millis BIGINT NOT NULL,"
                    + " updated_at_millis BIGINT NOT NULL)");
        }
    }

    public void insertOperation(Operation operation) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO operations"
                     + " (operation_id, kind, blockchain, status, error, created_at_millis, updated_at_millis)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, operation.operationId());
            insert.setString(2, operation.kind());
            insert.setString(3, operation.blockchain());
            insert.setString(4, operation.status().label());
            insert.setString(5, truncated(operation.error()));
            insert.setLong(6, operation.createdAtMillis());
            insert.setLong(7, operation.updatedAtMillis());
            insert.executeUpdate();
        }
    }

    /**
     * Moves an operation on in its lifecycle.
     *
     * @param error why it failed, or null
     * @return false if no operation has this id
     */
    public boolean updateStatus(String operationId, OperationStatus status, String error, long atMillis)
            throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE operations SET status = ?, error = ?, updated_at_millis = ? WHERE operation_id = ?")) {
            update.setString(1, status.label());
            update.setString(2, truncated(error));
            update.setLong(3, atMillis);
            update.setString(4, operationId);
            return update.executeUpdate() == 1;
        }
    }

    public Optional<Operation> findById(String operationId) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement("SELECT operation_id, kind, blockchain, status,"
                     + " error, created_at_millis, updated_at_millis FROM operations WHERE operation_id = ?")) {
            select.setString(1, operationId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Operation(row.getString(1), row.getString(2), row.getString(3),
                        OperationStatus.fromLabel(row.getString(4)), row.getString(5), row.getLong(6), row.getLong(7)));
            }
        }
    }

    public long countByStatus(OperationStatus status) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM operations WHERE status = ?")) {
            count.setString(1, status.label());
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Forgets completed and failed operations last changed before the cutoff, so the table stays bounded.
     *
     * @return how many were deleted
     */
    public int deleteFinishedBefore(long cutoffMillis) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM operations WHERE status IN (?, ?) AND updated_at_millis < ?")) {
            delete.setString(1, OperationStatus.COMPLETED.label());
            delete.setString(2, OperationStatus.FAILED.label());
            delete.setLong(3, cutoffMillis);
            return delete.executeUpdate();
        }
    }

    private static String truncated(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }
}
