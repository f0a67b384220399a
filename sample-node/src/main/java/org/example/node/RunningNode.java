package org.example.node;

import java.io.PrintStream;
import java.util.Locale;
import org.example.node.workload.Workload;
import org.example.node.workload.WorkloadSummary;

/** A started node with its optional workload, stopped once by whichever comes first: run time or a signal. */
final class RunningNode {
    private final Node node;
    private final PrintStream out;
    private Thread workloadThread;
    private boolean stopped;

    RunningNode(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    synchronized void startWorkload(Workload workload) {
        workloadThread = new Thread(() -> {
            long start = System.nanoTime();
            WorkloadSummary summary = workload.run();
            report(summary, (System.nanoTime() - start) / 1e9);
        }, "workload");
        workloadThread.start();
    }

    /** Ends the workload (its summary is printed first), then the node; later calls do nothing. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (workloadThread != null) {
            workloadThread.interrupt();
            awaitWorkload();
        }
        node.close();
        out.println("node stopped");
        out.flush();
    }

    /** The elapsed time lets a reader compare the pace of two runs on a machine slower than the rate asked for. */
    private void report(WorkloadSummary summary, double seconds) {
        out.printf(Locale.ROOT, "workload finished: sent=%d ok=%d failed=%d seconds=%.2f%n",
                summary.sent(), summary.ok(), summary.failed(), seconds);
        out.flush();
    }

    private void awaitWorkload() {
        try {
            workloadThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stop anyway; the summary may then be missing
        }
    }
}
