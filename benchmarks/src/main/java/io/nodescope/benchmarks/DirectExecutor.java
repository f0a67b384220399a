package io.nodescope.benchmarks;

import java.util.concurrent.Executor;

/** Runs a task on the calling thread, so that timing execute measures the hand-off wrapped around it. */
public class DirectExecutor implements Executor {
    @Override
    public void execute(Runnable task) {
        task.run();
    }
}
