package io.nodescope.agent.toml;

/** A TOML text that is not valid TOML, with where the first mistake is. */
public final class TomlSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient TomlPosition position;

    TomlSyntaxException(TomlPosition position, String message) {
        super(message);
        this.position = position;
    }

    public TomlPosition position() {
        return position;
    }
}
