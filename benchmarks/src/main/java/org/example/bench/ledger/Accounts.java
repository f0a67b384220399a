package org.example.bench.ledger;

import java.util.ArrayList;
import java.util.List;

/** A part of a ledger whose public methods a repository rule selects: rewritten by ClassRewriteBenchmark. */
public class Accounts {

    private final List<String> names = new ArrayList<>();

    public long open(String owner, long limit) {
        return owner.length() + limit;
    }

    public boolean close(long id) {
        return id > 0;
    }

    public double balance(long id) {
        return id * 0.5;
    }

    public String owner(long id) {
        return "owner-" + id;
    }

    public void rename(long id, String name) {
        names.add(name);
    }

    public int count() {
        return names.size();
    }
}
