package org.example.node.workload;

/** Commands the workload sent, and how many came back 200 or otherwise. */
public record WorkloadSummary(long sent, long ok, long failed) {
}
