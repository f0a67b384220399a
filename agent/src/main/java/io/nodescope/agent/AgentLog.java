package io.nodescope.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own messages, to stderr with a {@code [nodescope]} prefix. Warnings that can repeat
 * (an unreachable backend, an advice error) are rate-limited per key so that they never flood the
 * node's log.
 */
public final class AgentLog {

    private static final long REPEAT_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_KEYS = 1000;
    private static final Map<String, Long> LAST_WARNED = new ConcurrentHashMap<>();

    private AgentLog() {
    }

    public static void info(String message) {
        System.err.println("[nodescope] " + message);
    }

    public static void warn(String message) {
        System.err.println("[nodescope] WARNING: " + message);
    }

    public static void error(String message) {
        System.err.println("[nodescope] ERROR: " + message);
    }

    /** Warns at most once a minute for the same key; says how many were held back in between. */
    public static void warnLimited(String key, String message) {
        long now = System.nanoTime();
        Long last = LAST_WARNED.get(key);
        if (last != null && now - last < REPEAT_NANOS) {
            return;
        }
        if (last == null && LAST_WARNED.size() >= MAX_KEYS) {
            return;
        }
        if (last == null ? LAST_WARNED.putIfAbsent(key, now) == null : LAST_WARNED.replace(key, last, now)) {
            warn(message + (last == null ? "" : " (repeats are shown at most once a minute)"));
        }
    }
}
