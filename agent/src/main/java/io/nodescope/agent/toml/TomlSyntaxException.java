package io.nodescope.agent.toml;

/**
 * A TOML text that is not valid TOML, with where the first mistake is. The message may quote the
 * text (a key, a token); {@link #withoutContent()} says the same without quoting anything, for a
 * file that may not be a config at all.
 */
public final class TomlSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient TomlPosition position;
    private final String withoutContent;
    private boolean beforeAnyStatement;

    TomlSyntaxException(TomlPosition position, String message) {
        this(position, message, message);
    }

    TomlSyntaxException(TomlPosition position, String message, String withoutContent) {
        super(message);
        this.position = position;
        this.withoutContent = withoutContent;
    }

    public TomlPosition position() {
        return position;
    }

    /** What was wrong and what was expected, quoting nothing of the text. */
    public String withoutContent() {
        return withoutContent;
    }

    /**
     * True when the mistake came before any key/value line or table header was read: nothing
     * shows that the text was meant to be TOML (it may be a binary or a password file).
     */
    public boolean beforeAnyStatement() {
        return beforeAnyStatement;
    }

    void setBeforeAnyStatement(boolean value) {
        beforeAnyStatement = value;
    }
}
