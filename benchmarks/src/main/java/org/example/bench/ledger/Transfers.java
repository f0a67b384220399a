package org.example.bench.ledger;

import java.util.ArrayList;
import java.util.List;

/** A part of a ledger whose public methods a repository rule selects: rewritten by ClassRewriteBenchmark. */
public class Transfers {

    private final List<String> names = new ArrayList<>();

    public String send(long from, long to, double amount) {
        return from + ">" + to + ":" + amount;
    }

    public boolean cancel(String id) {
        return !id.isEmpty();
    }

    public java.util.List<String> pending() {
        return names;
    }

    public double fee(double amount) {
        return amount / 100;
    }
}
