package org.example.bench.ledger;

import java.util.ArrayList;
import java.util.List;

/** A part of a ledger whose public methods a repository rule selects: rewritten by ClassRewriteBenchmark. */
public class Statements {

    private final List<String> names = new ArrayList<>();

    public String[] monthly(long account, int month) {
        return new String[month];
    }

    public String[] yearly(long account, int year) {
        return new String[year % 12];
    }

    public byte[] export(String format) {
        return format.getBytes();
    }
}
