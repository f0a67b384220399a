package org.example.node.operation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A JDBC database reached by URL, with a fresh connection per unit of work. One connection stays open for the
 * node's lifetime because an embedded H2 database closes, and an in-memory one vanishes, with its last connection.
 */
public class Database implements AutoCloseable {
    private final String url;
    private final Connection keepOpen;

    /** @throws SQLException if the database cannot be opened */
    public Database(String url) throws SQLException {
        this.url = url;
        this.keepOpen = DriverManager.getConnection(url);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() throws SQLException {
        keepOpen.close();
    }
}
