package org.example.node.command;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.example.node.sim.SimulatedLatency;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.Ual;

/**
 * Publishes assertions as a new knowledge collection. Payload: {@code assertions} (required, one triple
 * per line), {@code ttl_seconds} (optional, default 300).
 */
public class PublishCommand implements Command {
    /** The asset contract this node mints into; a real node would read it from the chain. */
    private static final String ASSET_CONTRACT = "0x5cac41237127f94c2d21dae0b14bfefa99880630";
    private static final String TTL_KEY = "ttl_seconds";
    private static final long DEFAULT_TTL_SECONDS = Duration.ofMinutes(5).toSeconds();
    private static final long MAX_TTL_SECONDS = Duration.ofDays(1).toSeconds();

    private final KnowledgeStore store;
    private final Clock clock;
    private final AtomicLong nextTokenId = new AtomicLong(1);

    public PublishCommand(KnowledgeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String name() {
        return CommandType.PUBLISH.label();
    }

    @Override
    public CommandResult execute(CommandRequest request) throws CommandException {
        String blockchain = request.requiredBlockchain();
        List<String> assertions = Assertions.from(request);
        long ttlSeconds = ttlSeconds(request);
        SimulatedLatency.pause(3, 15); // signing and the chain transaction
        Ual ual = new Ual(blockchain, ASSET_CONTRACT, nextTokenId.getAndIncrement());
        store.put(new KnowledgeCollection(ual, assertions, 1, clock.millis() + ttlSeconds * 1000));
        return new CommandResult(request.operationId(), Map.of("ual", ual.toString(), "version", 1));
    }

    private static long ttlSeconds(CommandRequest request) throws InvalidCommandException {
        String text = request.optionalPayload(TTL_KEY).orElse(null);
        if (text == null) {
            return DEFAULT_TTL_SECONDS;
        }
        try {
            long seconds = Long.parseLong(text.strip());
            if (seconds >= 1 && seconds <= MAX_TTL_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below together with the out-of-range case
        }
        throw new InvalidCommandException("payload." + TTL_KEY + " must be a whole number of seconds from 1 to "
                + MAX_TTL_SECONDS + ", got " + text);
    }
}
