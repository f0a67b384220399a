package io.nodescope.agent.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric selectors of a dashboard's PromQL expression, read as text: enough for the convention
 * checks, which look at how each metric is selected and wrapped. Whether the expression is valid
 * PromQL is promtool's to say.
 */
final class PromQlText {

    /** Metrics of the node, of the agent itself and of the runtime. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:node|nodescope|jvm|process)_[a-zA-Z0-9_:]*");
    private static final Pattern COUNTER = Pattern.compile(".*_(total|bucket|count|sum)$");

    private PromQlText() {
    }

    /**
     * One metric selected in an expression.
     *
     * @param matchers the {@code {...}} right after the name, or null
     * @param function the function whose argument the selector is, or "" at top level
     * @param range the {@code [...]} right after the selector, or null
     */
    record Selector(String metric, String matchers, String function, String range) {

        /** Counters and the counter-like series of histograms and summaries. */
        boolean counter() {
            return COUNTER.matcher(metric).matches();
        }

        boolean inRateOrIncrease() {
            return function.equals("rate") || function.equals("increase");
        }

        @Override
        public String toString() {
            return metric + (matchers == null ? "" : matchers) + (range == null ? "" : range);
        }
    }

    static List<Selector> selectors(String expr) {
        List<Selector> selectors = new ArrayList<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            if (insideQuotes(expr, m.start())) {
                continue; // a label value, not a metric
            }
            String matchers = bracketed(expr, m.end(), '{', '}');
            int afterMatchers = skipWhitespace(expr, m.end()) + (matchers == null ? 0 : matchers.length());
            selectors.add(new Selector(m.group(), matchers, enclosingFunction(expr, m.start()),
                    bracketed(expr, afterMatchers, '[', ']')));
        }
        return selectors;
    }

    /** The {@code open ... close} block starting at {@code from} (after whitespace), quotes respected, or null. */
    private static String bracketed(String expr, int from, char open, char close) {
        int i = skipWhitespace(expr, from);
        if (i >= expr.length() || expr.charAt(i) != open) {
            return null;
        }
        boolean quoted = false;
        for (int j = i + 1; j < expr.length(); j++) {
            char c = expr.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == close && !quoted) {
                return expr.substring(i, j + 1);
            }
        }
        return null;
    }

    private static boolean insideQuotes(String expr, int at) {
        boolean quoted = false;
        for (int i = 0; i < at; i++) {
            char c = expr.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            }
        }
        return quoted;
    }

    private static int skipWhitespace(String expr, int from) {
        int i = from;
        while (i < expr.length() && Character.isWhitespace(expr.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The name of the function whose argument list contains position {@code at}, or "" at top level. */
    private static String enclosingFunction(String expr, int at) {
        int depth = 0;
        for (int i = at - 1; i >= 0; i--) {
            char c = expr.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth == 0) {
                    int end = i;
                    while (end > 0 && Character.isWhitespace(expr.charAt(end - 1))) {
                        end--;
                    }
                    int start = end;
                    while (start > 0 && (Character.isLetterOrDigit(expr.charAt(start - 1)) || expr.charAt(start - 1) == '_')) {
                        start--;
                    }
                    return expr.substring(start, end);
                }
                depth--;
            }
        }
        return "";
    }
}
