package org.example.bench.ledger;

import java.util.ArrayList;
import java.util.List;

/** A part of a ledger whose public methods a repository rule selects: rewritten by ClassRewriteBenchmark. */
public class Audit {

    private final List<String> names = new ArrayList<>();

    public void record(String event, Object detail) {
        names.add(event + detail);
    }

    public java.util.List<String> since(long time) {
        return names;
    }

    public void clear() {
        names.clear();
    }

    public int size() {
        return names.size();
    }

    public String last() {
        return names.isEmpty() ? null : names.get(names.size() - 1);
    }
}
