package io.nodescope.agent.cli;

import java.util.Map;

/**
 * The commented config {@code init} writes: the mode's template with {@code @NAME@} placeholders
 * replaced by TOML values, and {@code @RULES@} and {@code @READINESS@} by the parts about rules
 * and readiness checks that the modes share.
 */
final class ConfigTemplate {

    private ConfigTemplate() {
    }

    /** {@code values} are already TOML text: quoted strings or whole lines. */
    static String render(Observability mode, Map<String, String> values) {
        String text = Resources.text("templates/" + mode.optionValue() + ".toml")
                .replace("@RULES@", Resources.text("templates/rules.toml"))
                .replace("@READINESS@", Resources.text("templates/readiness.toml"));
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("@" + value.getKey() + "@", value.getValue());
        }
        return text;
    }

    /** A TOML basic string holding {@code value} exactly. */
    static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
