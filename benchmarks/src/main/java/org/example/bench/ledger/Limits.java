package org.example.bench.ledger;

import java.util.ArrayList;
import java.util.List;

/** A part of a ledger whose public methods a repository rule selects: rewritten by ClassRewriteBenchmark. */
public class Limits {

    private final List<String> names = new ArrayList<>();

    public boolean check(long account, double amount) {
        return amount < account;
    }

    public void raise(long account, double by) {
        names.add(String.valueOf(account + by));
    }
}
