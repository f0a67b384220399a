package org.example.node.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.example.node.concurrent.GracefulShutdown;
import org.example.node.concurrent.NamedThreadFactory;

/** Runs periodic tasks on {@code task-scheduler-N} threads; a failed run is logged and the schedule goes on. */
public class TaskScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TaskScheduler.class.getName());
    private static final int THREADS = 2;
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final List<PeriodicTask> tasks;
    private final Duration firstRunDelay;
    private final ScheduledThreadPoolExecutor scheduler =
            new ScheduledThreadPoolExecutor(THREADS, new NamedThreadFactory("task-scheduler"));

    public TaskScheduler(List<? extends PeriodicTask> tasks, Duration firstRunDelay) {
        this.tasks = List.copyOf(tasks);
        this.firstRunDelay = firstRunDelay;
    }

    public void start() {
        for (PeriodicTask task : tasks) {
            // fixed delay rather than fixed rate: a slow run postpones the next instead of stacking runs up
            scheduler.scheduleWithFixedDelay(() -> runOnce(task),
                    firstRunDelay.toMillis(), task.interval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Cancels future runs and waits briefly for running ones. */
    @Override
    public void close() {
        GracefulShutdown.shutdown(scheduler, SHUTDOWN_GRACE);
    }

    // An exception escaping here would silently cancel the task's schedule, hence the catch-all.
    private static void runOnce(PeriodicTask task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "task " + task.name() + " failed unexpectedly", e);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "task " + task.name() + " failed: " + e.getMessage());
        }
    }
}
