package io.ibasho.registration.support;

import io.ibasho.localstack.PostgresServer;
import io.ibasho.testsupport.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Registration's own database over JDBC, for the states no endpoint shows (seats, outbox rows, locks). */
public final class RegistrationDatabase {
    private RegistrationDatabase() {}

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(
                TestServers.get().postgres().jdbcUrl("registration"), PostgresServer.USER, "");
    }

    /** The first column of the first row as a number: a count, a seat figure. */
    public static long count(String sql, Object... parameters) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
