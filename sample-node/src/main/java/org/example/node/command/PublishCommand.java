package org.example.node.command;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.example.node.operation.Operations;
import org.example.node.sim.SimulatedLatency;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.MalformedAssertionException;
import org.example.node.store.Ual;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes assertions as a new knowledge collection, tracked as a {@code publish} operation. Payload:
 * {@code assertions} (required, one N-Triples statement per line), {@code ttl_seconds} (optional, default 300).
 */
public class PublishCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(PublishCommand.class);
    private static final String TTL_KEY = "ttl_seconds";
    private static final long DEFAULT_TTL_SECONDS = Duration.ofMinutes(5).toSeconds();
    private static final long MAX_TTL_SECONDS = Duration.ofDays(1).toSeconds();

    private final KnowledgeStore store;
    private final Operations operations;
    private final Clock clock;
    private final String assetContract;
    private final AtomicLong nextTokenId = new AtomicLong(1);

    /** @param assetContract the contract this node mints into; see {@code AssetContracts} */
    public PublishCommand(KnowledgeStore store, Operations operations, Clock clock, String assetContract) {
        this.store = store;
        this.operations = operations;
        this.clock = clock;
        this.assetContract = assetContract;
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
        return operations.run(request.operationId(), name(), blockchain, () -> {
            SimulatedLatency.pause(3, 15); // signing and the chain transaction
            Ual ual = new Ual(blockchain, assetContract, nextTokenId.getAndIncrement());
            try {
                store.insert(new KnowledgeCollection(ual, assertions, 1, clock.millis() + ttlSeconds * 1000));
            } catch (MalformedAssertionException e) {
                throw new InvalidCommandException(e.getMessage());
            }
            LOG.info("published {} with {} assertions", ual, assertions.size());
            return new CommandResult(request.operationId(), Map.of("ual", ual.toString(), "version", 1));
        });
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
