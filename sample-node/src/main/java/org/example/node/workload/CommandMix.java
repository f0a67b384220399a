package org.example.node.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.example.node.command.CommandType;
import org.example.node.store.Blockchains;
import org.example.node.store.Ual;

/**
 * Chooses the workload's next command body: mostly publishes, then gets, queries and updates of what was
 * published, the odd cleanup; a given share is deliberately invalid, each type failing in its own way. Some bad
 * input is caught before any work starts, some only once an operation is under way, which then fails.
 */
final class CommandMix {
    /** A command body to POST, and the type it was planned as (an invalid body may name no real type). */
    record PlannedCommand(CommandType type, Map<String, Object> body) {
    }

    private static final List<String> CATEGORIES = List.of("tools", "music", "science", "maps");
    private static final String UNKNOWN_CONTRACT = "0x000000000000000000000000000000000000dead";
    private static final int REMEMBERED_UALS = 256;
    private static final long NEVER_MINTED_TOKEN = 999_999_999L;
    private static final String NAMES_SPARQL =
            "SELECT ?item ?name WHERE { GRAPH ?collection { ?item <https://schema.org/name> ?name } } LIMIT 10";
    /** An unclosed group: the store's SPARQL parser rejects it. */
    private static final String BROKEN_SPARQL = "SELECT ?name WHERE { ?item <https://schema.org/name> ?name";

    private final RandomGenerator random;
    private final double errorShare;
    private final RecentUals published = new RecentUals(REMEMBERED_UALS);

    CommandMix(RandomGenerator random, double errorShare) {
        this.random = random;
        this.errorShare = errorShare;
    }

    /** Makes a published UAL available to later get and update commands. */
    void rememberPublished(Ual ual) {
        published.add(ual);
    }

    PlannedCommand next() {
        boolean invalid = random.nextDouble() < errorShare;
        int roll = random.nextInt(100);
        if (roll < 40) {
            return publish(invalid);
        }
        if (roll < 82) {
            Optional<Ual> ual = published.pick(random);
            if (ual.isEmpty()) { // nothing published yet to read or change
                return publish(invalid);
            }
            return roll < 65 ? get(ual.get(), invalid) : update(ual.get(), invalid);
        }
        return roll < 97 ? query(invalid) : cleanup(invalid);
    }

    private PlannedCommand publish(boolean invalid) {
        String assertions = assertions();
        if (invalid) {
            assertions = random.nextBoolean()
                    ? "just some prose, not a triple"
                    : "<urn:item:1> <https://schema.org/name> unquoted text ."; // shaped like a triple, but not N-Triples
        }
        return command(CommandType.PUBLISH, blockchain(), Map.of("assertions", assertions));
    }

    private PlannedCommand get(Ual ual, boolean invalid) {
        Ual target = invalid ? new Ual(ual.blockchain(), UNKNOWN_CONTRACT, ual.tokenId()) : ual;
        return command(CommandType.GET, ual.blockchain(), Map.of("ual", target.toString()));
    }

    private PlannedCommand update(Ual ual, boolean invalid) {
        String target = ual.toString();
        if (invalid) {
            target = random.nextBoolean()
                    ? "did:dkg:" + ual.blockchain() + "/not-a-contract/" + ual.tokenId()
                    : new Ual(ual.blockchain(), ual.contract(), NEVER_MINTED_TOKEN).toString();
        }
        return command(CommandType.UPDATE, ual.blockchain(), Map.of("ual", target, "assertions", assertions()));
    }

    private PlannedCommand query(boolean invalid) {
        boolean sparql = random.nextInt(3) == 0;
        if (sparql) {
            return command(CommandType.QUERY, null, Map.of("sparql", invalid ? BROKEN_SPARQL : NAMES_SPARQL));
        }
        String blockchain = invalid ? "solana:101" : blockchain();
        return command(CommandType.QUERY, blockchain, Map.of("contains", category()));
    }

    private PlannedCommand cleanup(boolean invalid) {
        if (invalid) {
            return new PlannedCommand(CommandType.CLEANUP, Map.of("type", "purge", "payload", Map.of()));
        }
        return command(CommandType.CLEANUP, null, Map.of());
    }

    private static PlannedCommand command(CommandType type, String blockchain, Map<String, String> payload) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.label());
        if (blockchain != null) {
            body.put("blockchain", blockchain);
        }
        body.put("payload", payload);
        return new PlannedCommand(type, body);
    }

    private String assertions() {
        String subject = "<urn:item:" + random.nextInt(1_000_000) + ">";
        return subject + " <https://schema.org/name> \"Item " + random.nextInt(1000) + "\" .\n"
                + subject + " <https://schema.org/category> \"" + category() + "\" .";
    }

    private String blockchain() {
        return Blockchains.SUPPORTED.get(random.nextInt(Blockchains.SUPPORTED.size()));
    }

    private String category() {
        return CATEGORIES.get(random.nextInt(CATEGORIES.size()));
    }
}
