package org.example.node;

import java.io.PrintStream;
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
        workloadThread = new Thread(() -> report(workload.run()), "workload");
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

    private void report(WorkloadSummary summary) {
        out.printf("workload finished: sent=%d ok=%d failed=%d%n", summary.sent(), summary.ok(), summary.failed());
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
