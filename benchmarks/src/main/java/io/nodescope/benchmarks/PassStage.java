package io.nodescope.benchmarks;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A sync stage whose work is trivial: it returns a fixed result -> count map and has a queue in
 * front, so that timing a call measures a sync stage rule (a map counted per result, a live gauge).
 */
public class PassStage {
    private final Map<String, Integer> counts = Map.of("inserted", 3, "duplicate", 1);
    private final Queue<String> queue = new ArrayDeque<>(List.of("waiting"));

    public String name() {
        return "insert";
    }

    public int queueDepth() {
        return queue.size();
    }

    public Map<String, Integer> process(List<String> batch) {
        return counts;
    }
}
