package io.nodescope.agent;

import java.util.Collections;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Whether the agent runs in this JVM, kept in the system property {@value #PROPERTY}: the one
 * place every copy of the agent's classes shares (a second copy of the jar, attached later, may
 * load its own), and one the {@code attach} command reads from outside through the JDK's attach
 * API. Its value is a state, how the agent came ({@code javaagent} or {@code attach}) and, once
 * the rules are installed, per rule a line with the number of methods instrumented at that moment
 * and a line for each of them.
 */
public final class AgentPresence {

    public static final String PROPERTY = "nodescope.agent";
    /** Starts a line naming a method the rule on the line before instrumented. */
    private static final String METHOD = "\t\t";

    /** Claimed by a start that has not installed its rules yet. */
    public static final String STARTING = "starting";
    /** The rules are installed. */
    public static final String RUNNING = "running";
    /** A start failed after it began installing: what it left may still run, so no other start may follow. */
    public static final String FAILED = "failed";
    /** A start found nothing to do (no config, an invalid one, every signal off) and changed nothing. */
    public static final String OFF = "off";

    private final String state;
    private final String origin;
    private final Map<String, List<String>> instrumentedMethods;

    private AgentPresence(String state, String origin, Map<String, List<String>> instrumentedMethods) {
        this.state = state;
        this.origin = origin;
        this.instrumentedMethods = instrumentedMethods;
    }

    /**
     * Claims this JVM for a start, atomically, so that of two starts racing (two attaches, or one
     * beside {@code -javaagent}) one goes on; false, after saying so, when another already did.
     */
    static boolean claim(boolean attachedLate) {
        Properties properties = System.getProperties();
        String claimed = STARTING + " " + (attachedLate ? "attach" : "javaagent");
        Object current = properties.putIfAbsent(PROPERTY, claimed);
        if (current == null || OFF.equals(stateOf(current)) && properties.replace(PROPERTY, current, claimed)) {
            return true;
        }
        AgentLog.warn("the agent was already started in this JVM (" + PROPERTY + " = " + firstLine(current)
                + "); this " + (attachedLate ? "attach" : "start") + " is ignored, so that nothing is instrumented twice");
        return false;
    }

    /** The start this JVM's claim was for ended before installing anything: a later attach may start it. */
    static void stayedOff() {
        update(OFF, "");
    }

    /** The start this JVM's claim was for failed; the node's log says why. */
    static void failed() {
        update(FAILED, "");
    }

    /** The rules are installed; {@code instrumentedMethods} names, per rule name, the methods of the classes loaded so far. */
    public static void running(Map<String, List<String>> instrumentedMethods) {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, List<String>> rule : instrumentedMethods.entrySet()) {
            // Shown to the operator only: a line break in a rule's name becomes a blank rather than a line of its own.
            lines.append('\n').append(rule.getValue().size()).append('\t').append(rule.getKey().replace('\n', ' '));
            for (String method : rule.getValue()) {
                lines.append('\n').append(METHOD).append(method);
            }
        }
        update(RUNNING, lines.toString());
    }

    private static void update(String state, String details) {
        Properties properties = System.getProperties();
        while (true) {
            Object current = properties.get(PROPERTY);
            if (current == null) {
                return;  // never claimed: the node's own code removed it, nothing to keep up to date
            }
            String origin = headPart(current, 1);
            if (properties.replace(PROPERTY, current, state + " " + origin + details)) {
                return;
            }
        }
    }

    /** A value of {@value #PROPERTY}, as read from this JVM or another. */
    public static AgentPresence parse(String value) {
        String[] lines = value.split("\n");
        String[] head = lines[0].split(" ", 2);
        Map<String, List<String>> methods = new LinkedHashMap<>();
        List<String> ofRule = null;
        for (int i = 1; i < lines.length; i++) {
            int tab = lines[i].indexOf('\t');
            if (lines[i].startsWith(METHOD)) {
                if (ofRule != null) {
                    ofRule.add(lines[i].substring(METHOD.length()));
                }
            } else if (tab > 0 && lines[i].substring(0, tab).chars().allMatch(Character::isDigit)) {
                ofRule = new ArrayList<>();
                methods.put(lines[i].substring(tab + 1), ofRule);
            } else {
                ofRule = null;  // not a line this class wrote: left out
            }
        }
        methods.replaceAll((rule, names) -> List.copyOf(names));
        return new AgentPresence(head[0], head.length > 1 ? head[1] : "", Collections.unmodifiableMap(methods));
    }

    public String state() {
        return state;
    }

    /** {@code javaagent} or {@code attach}. */
    public String origin() {
        return origin;
    }

    /** Per rule, in the config's order, the methods instrumented when the rules were installed; empty before. */
    public Map<String, List<String>> instrumentedMethods() {
        return instrumentedMethods;
    }

    private static String stateOf(Object value) {
        return headPart(value, 0);
    }

    /** The state (0) or the origin (1) of a value, read without {@link #parse}, whose lambdas would cost a disabled start. */
    private static String headPart(Object value, int part) {
        String head = firstLine(value);
        int space = head.indexOf(' ');
        if (space < 0) {
            return part == 0 ? head : "";
        }
        return part == 0 ? head.substring(0, space) : head.substring(space + 1);
    }

    private static String firstLine(Object value) {
        String text = value.toString();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
