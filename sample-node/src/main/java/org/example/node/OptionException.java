package org.example.node;

/** A command-line option is unknown, lacks its value, or has a value out of range. */
final class OptionException extends Exception {
    OptionException(String message) {
        super(message);
    }
}
