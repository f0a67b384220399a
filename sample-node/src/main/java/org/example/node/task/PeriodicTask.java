package org.example.node.task;

import java.time.Duration;

/** Background work the node repeats on its own; {@link TaskScheduler} runs each one again after its next delay. */
public interface PeriodicTask {
    /** Short snake_case name, e.g. {@code peer_discovery}. */
    String name();

    /** The usual pause between the end of one run and the start of the next. */
    Duration interval();

    /** The pause before the next run, as decided by the runs so far; the interval unless the task backs off. */
    default Duration nextDelay() {
        return interval();
    }

    /** One run; an exception fails this run only, the schedule goes on. */
    void run() throws Exception;
}
