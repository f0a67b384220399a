package org.example.node.task;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskSchedulerTest {
    private static final Duration OFTEN = Duration.ofMillis(10);

    @Test
    void failingRunsDoNotStopTheSchedule() throws InterruptedException {
        CountDownLatch checkedFailures = new CountDownLatch(3);
        CountDownLatch uncheckedFailures = new CountDownLatch(3);
        PeriodicTask checked = new FakeTask("checked", OFTEN, () -> {
            checkedFailures.countDown();
            throw new Exception("peer unreachable");
        });
        PeriodicTask unchecked = new FakeTask("unchecked", OFTEN, () -> {
            uncheckedFailures.countDown();
            throw new IllegalStateException("bug");
        });

        try (TaskScheduler scheduler = new TaskScheduler(List.of(checked, unchecked), Duration.ZERO)) {
            scheduler.start();

            assertTrue(checkedFailures.await(5, TimeUnit.SECONDS), "a task failing with an exception ran again");
            assertTrue(uncheckedFailures.await(5, TimeUnit.SECONDS), "a task failing with a bug ran again");
        }
    }

    @Test
    void tasksRunOnSchedulerThreads() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        String[] threadName = new String[1];
        PeriodicTask task = new FakeTask("named", OFTEN, () -> {
            threadName[0] = Thread.currentThread().getName();
            ran.countDown();
        });

        try (TaskScheduler scheduler = new TaskScheduler(List.of(task), Duration.ZERO)) {
            scheduler.start();

            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertTrue(threadName[0].startsWith("task-scheduler-"), threadName[0]);
        }
    }

    @Test
    void theNextRunWaitsForTheTasksNextDelay() throws InterruptedException {
        CountDownLatch runs = new CountDownLatch(3);
        PeriodicTask task = new FakeTask("backing_off", Duration.ofHours(1), runs::countDown) {
            @Override
            public Duration nextDelay() {
                return OFTEN;
            }
        };

        try (TaskScheduler scheduler = new TaskScheduler(List.of(task), Duration.ZERO)) {
            scheduler.start();

            assertTrue(runs.await(5, TimeUnit.SECONDS), "runs came after the next delay, not the hour-long interval");
        }
    }

    /** A task whose run is given by the test. */
    private static class FakeTask implements PeriodicTask {
        interface Body {
            void run() throws Exception;
        }

        private final String name;
        private final Duration interval;
        private final Body body;

        FakeTask(String name, Duration interval, Body body) {
            this.name = name;
            this.interval = interval;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Duration interval() {
            return interval;
        }

        @Override
        public void run() throws Exception {
            body.run();
        }
    }
}
