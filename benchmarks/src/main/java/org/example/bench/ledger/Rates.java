package org.example.bench.ledger;

import java.util.ArrayList;
import java.util.List;

/** A part of a ledger whose public methods a repository rule selects: rewritten by ClassRewriteBenchmark. */
public class Rates {

    private final List<String> names = new ArrayList<>();

    public double rate(String from, String to) {
        return from.length() / (double) to.length();
    }

    public double convert(double amount, String from, String to) {
        return amount * rate(from, to);
    }
}
