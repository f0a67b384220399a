package io.nodescope.agent.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A plain JDBC application on an in-memory H2 database, directly or through a HikariCP pool, with a
 * workload of known counts: two tables made, accounts added in one statement and in a batch,
 * {@code inserts} operations inserted each with a statement prepared for it (as JdbcTemplate does),
 * {@code selects} reads of one account through one prepared statement, {@code failures} inserts that
 * break the primary key and as many reads of a table that does not exist, one procedure call.
 * Arguments: {@code direct|hikari}, inserts, selects, failures, seconds to stay up, then names of
 * classes to load (so that every class a rule can select is instrumented, as on a node that uses them all).
 */
public final class LedgerApp {

    private LedgerApp() {
    }

    public static void main(String[] args) throws Exception {
        int inserts = Integer.parseInt(args[1]);
        int selects = Integer.parseInt(args[2]);
        int failures = Integer.parseInt(args[3]);
        for (int i = 5; i < args.length; i++) {
            Class.forName(args[i]);
        }
        String url = "jdbc:h2:mem:ledger;DB_CLOSE_DELAY=-1";
        HikariDataSource pool = null;
        Connection connection;
        if (args[0].equals("hikari")) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(2);
            pool = new HikariDataSource(config);
            connection = pool.getConnection();
        } else {
            connection = DriverManager.getConnection(url);
        }
        int failed = run(connection, inserts, selects, failures);
        System.out.println("ledger done failed=" + failed + " statement=" + connection.createStatement().getClass().getName());
        System.out.flush();
        connection.close();
        Thread.sleep(Long.parseLong(args[4]) * 1000);
        if (pool != null) {
            pool.close();
        }
    }

    private static int run(Connection connection, int inserts, int selects, int failures) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner VARCHAR(40))");
            statement.execute("create table operations (id int primary key, account int, amount decimal(10, 2))");
            statement.executeUpdate("INSERT INTO accounts (id, owner) VALUES (1, 'alice'), (2, 'bob')");
            statement.addBatch("INSERT INTO accounts VALUES (3, 'carol')");
            statement.addBatch("INSERT INTO accounts VALUES (4, 'dave')");
            statement.executeBatch();
        }
        for (int i = 0; i < inserts; i++) {
            insertOperation(connection, i);
        }
        try (PreparedStatement read = connection.prepareStatement("SELECT owner FROM accounts WHERE id = ?")) {
            for (int i = 0; i < selects; i++) {
                read.setInt(1, 1 + i % 4);
                try (ResultSet result = read.executeQuery()) {
                    result.next();
                }
            }
        }
        int failed = 0;
        for (int i = 0; i < failures; i++) {
            try {
                insertOperation(connection, i);
            } catch (SQLException duplicateKey) {
                failed++;
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT * FROM missing_table WHERE id = " + i);
            } catch (SQLException noTable) {
                failed++;
            }
        }
        try (CallableStatement call = connection.prepareCall("{call abs(-42)}")) {
            call.execute();
        }
        return failed;
    }

    private static void insertOperation(Connection connection, int id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO operations (id, account, amount) VALUES (?, ?, 12.50)")) {
            insert.setInt(1, id);
            insert.setInt(2, 1 + id % 4);
            insert.executeUpdate();
        }
    }
}
