package org.example.bench;

/** A class no rule selects whose ancestors a supertype rule must look at: it is a JDK interface's. */
public class Worker implements Runnable {

    private int runs;

    @Override
    public void run() {
        runs++;
    }

    public int runs() {
        return runs;
    }
}
