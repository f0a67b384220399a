package io.nodescope.agent.config;

import java.util.regex.Pattern;

/**
 * An exact name or a glob: {@code *} matches within one package or name segment (no dot),
 * {@code **} matches across segments, {@code ?} matches one character.
 */
public final class NamePattern {

    private final String text;
    private final Pattern regex;

    private NamePattern(String text, Pattern regex) {
        this.text = text;
        this.regex = regex;
    }

    public static NamePattern of(String text) {
        if (text.indexOf('*') < 0 && text.indexOf('?') < 0) {
            return new NamePattern(text, null);
        }
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' && i + 1 < text.length() && text.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^.]*");
            } else if (c == '?') {
                regex.append("[^.]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new NamePattern(text, Pattern.compile(regex.toString()));
    }

    public boolean isExact() {
        return regex == null;
    }

    public boolean matches(String name) {
        return regex == null ? text.equals(name) : regex.matcher(name).matches();
    }

    /** The pattern as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
