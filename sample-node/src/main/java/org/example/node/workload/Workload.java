package org.example.node.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.example.node.command.CommandType;
import org.example.node.store.Ual;

/**
 * Drives a node through its HTTP API like a client application would: a steady rate of mixed commands
 * for a fixed time, a share of them deliberately invalid. One instance runs once.
 */
public class Workload {
    private static final int MAX_IN_FLIGHT = 64;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How long to wait for answers still outstanding when sending stops. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(5);

    private final URI commandsUri;
    private final Duration duration;
    private final int ratePerSecond;
    private final CommandMix mix;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param baseUri    the node's API, e.g. {@code http://127.0.0.1:8900}
     * @param errorShare share of commands, from 0 to 1, sent with deliberately bad input
     */
    public Workload(URI baseUri, Duration duration, int ratePerSecond, double errorShare) {
        this.commandsUri = baseUri.resolve("/commands");
        this.duration = duration;
        this.ratePerSecond = ratePerSecond;
        this.mix = new CommandMix(new SplittableRandom(), errorShare);
    }

    /**
     * Sends {@code duration × rate} commands at an even pace, then waits briefly for the last answers.
     * Stops early if the thread is interrupted, leaving the interrupt flag set.
     */
    public WorkloadSummary run() {
        long total = duration.toSeconds() * ratePerSecond;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
        long start = System.nanoTime();
        try {
            for (long i = 0; i < total; i++) {
                LockSupport.parkNanos(start + i * intervalNanos - System.nanoTime());
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                inFlight.acquire(); // a slow node slows the workload down instead of piling requests up
                send(mix.next());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitOutstanding();
        return new WorkloadSummary(sent.get(), ok.get(), failed.get());
    }

    private void send(CommandMix.PlannedCommand command) {
        HttpRequest request = HttpRequest.newBuilder(commandsUri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(command)))
                .build();
        sent.incrementAndGet();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            try {
                if (error == null && response.statusCode() == 200) {
                    ok.incrementAndGet();
                    if (command.type() == CommandType.PUBLISH) {
                        mix.rememberPublished(publishedUal(response.body()));
                    }
                } else {
                    failed.incrementAndGet();
                }
            } finally {
                inFlight.release();
            }
        });
    }

    private String toJson(CommandMix.PlannedCommand command) {
        try {
            return json.writeValueAsString(command.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a planned command is always serialisable", e);
        }
    }

    private Ual publishedUal(String responseBody) {
        try {
            return Ual.parse(json.readTree(responseBody).path("data").path("ual").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the node answered a publish with malformed JSON", e);
        }
    }

    /** Waits for answers still on their way, even when interrupted, so the summary adds up. */
    private void awaitOutstanding() {
        boolean interrupted = Thread.interrupted();
        try {
            if (inFlight.tryAcquire(MAX_IN_FLIGHT, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.release(MAX_IN_FLIGHT);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
