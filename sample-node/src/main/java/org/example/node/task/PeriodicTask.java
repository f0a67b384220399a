package org.example.node.task;

import java.time.Duration;

/** Background work the node repeats on its own; {@link TaskScheduler} runs each one at its interval. */
public interface PeriodicTask {
    /** Short snake_case name, e.g. {@code peer_discovery}. */
    String name();

    /** Pause between the end of one run and the start of the next. */
    Duration interval();

    /** One run; an exception fails this run only, the schedule goes on. */
    void run() throws Exception;
}
