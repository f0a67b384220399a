package org.example.node.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.example.node.concurrent.GracefulShutdown;
import org.example.node.concurrent.NamedThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs periodic tasks on {@code task-scheduler-N} threads; a failed run is logged and the schedule goes on. */
public class TaskScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskScheduler.class);
    private static final int THREADS = 2;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final List<PeriodicTask> tasks;
    private final Duration firstRunDelay;
    private final ScheduledThreadPoolExecutor scheduler =
            new ScheduledThreadPoolExecutor(THREADS, new NamedThreadFactory("task-scheduler"));

    public TaskScheduler(List<? extends PeriodicTask> tasks, Duration firstRunDelay) {
        this.tasks = List.copyOf(tasks);
        this.firstRunDelay = firstRunDelay;
        // runs waiting for their delay are dropped at close, not run one last time
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    public void start() {
        for (PeriodicTask task : tasks) {
            schedule(task, firstRunDelay);
        }
    }

    /** Cancels future runs and waits briefly for running ones. */
    @Override
    public void close() {
        GracefulShutdown.shutdown(scheduler, SHUTDOWN_GRACE);
    }

    // Each run schedules the next once it has ended, so a slow run postpones the next instead of stacking runs
    // up, and the task can stretch the delay after failures.
    private void schedule(PeriodicTask task, Duration delay) {
        try {
            scheduler.schedule(() -> runThenReschedule(task), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed meanwhile: the schedule ends here
        }
    }

    private void runThenReschedule(PeriodicTask task) {
        runOnce(task);
        schedule(task, task.nextDelay());
    }

    // An exception escaping here would end the task's schedule, hence the catch-all.
    private static void runOnce(PeriodicTask task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("task {} failed unexpectedly", task.name(), e);
        } catch (Exception e) {
            LOG.warn("task {} failed: {}", task.name(), e.getMessage());
        }
    }
}
