package org.example.node.operation;

import java.sql.SQLException;

/** The operations database failed; the operation's own work may or may not have happened. */
public class OperationStoreException extends RuntimeException {
    OperationStoreException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
