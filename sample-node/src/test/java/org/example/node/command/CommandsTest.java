package org.example.node.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.sql.SQLException;
import java.util.UUID;
import org.example.node.operation.Database;
import org.example.node.operation.OperationRepository;
import org.example.node.operation.OperationStatus;
import org.example.node.operation.Operations;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.TripleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandsTest {
    private static final String HAMMER = "<urn:item:1> <https://schema.org/name> \"Hammer\" .";
    private static final String GUITAR = "<urn:item:2> <https://schema.org/name> \"Guitar\" .";
    private static final String CONTRACT = "0x5cac41237127f94c2d21dae0b14bfefa99880630";
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final TripleStore triples = new TripleStore();
    private final KnowledgeStore store = new KnowledgeStore(triples);
    private Database database;
    private OperationRepository operations;
    private PublishCommand publish;
    private final GetCommand get = new GetCommand(store);
    private final QueryCommand query = new QueryCommand(store);
    private UpdateCommand update;

    @BeforeEach
    void openDatabase() throws SQLException {
        database = new Database("jdbc:h2:mem:" + UUID.randomUUID());
        operations = new OperationRepository(database);
        operations.createTable();
        Operations lifecycle = new Operations(operations, NOW);
        publish = new PublishCommand(store, lifecycle, NOW, CONTRACT);
        update = new UpdateCommand(store, lifecycle);
    }

    @AfterEach
    void close() throws SQLException {
        database.close();
        triples.close();
    }

    @Test
    void eachCommandIsNamedAfterItsType() {
        assertEquals(List.of("publish", "get", "query", "update", "cleanup"),
                List.of(publish.name(), get.name(), query.name(), update.name(),
                        new CleanupCommand(store, operations, NOW).name()));
    }

    @Test
    void publishStoresAssertionsUnderANewUal() throws CommandException {
        String ual = publish("otp:2043", HAMMER);

        CommandResult result = get.execute(request(CommandType.GET, null, Map.of("ual", ual)));

        assertEquals(List.of(HAMMER), result.data().get("assertions"));
        assertEquals(1, result.data().get("version"));
        assertTrue(ual.startsWith("did:dkg:otp:2043/"), ual);
    }

    @Test
    void publishRejectsBadInput() {
        assertInvalid(publish, "publish needs a non-blank payload.assertions", "otp:2043", Map.of());
        assertInvalid(publish, "publish needs a blockchain", null, Map.of("assertions", HAMMER));
        assertInvalid(publish, "unsupported blockchain solana:101", "solana:101", Map.of("assertions", HAMMER));
        assertInvalid(publish, "assertion 2 is not a triple", "otp:2043", Map.of("assertions", HAMMER + "\nhello"));
        assertInvalid(publish, "payload.ttl_seconds must be", "otp:2043", Map.of("assertions", HAMMER, "ttl_seconds", "-1"));
    }

    @Test
    void getRejectsMalformedAndUnknownUals() {
        assertInvalid(get, "malformed payload.ual", null, Map.of("ual", "did:dkg:otp:2043/42"));
        assertInvalid(get, "unknown ual", null, Map.of("ual", "did:dkg:otp:2043/0xabc/42"));
    }

    @Test
    void updateReplacesAssertionsAsTheNextVersion() throws CommandException {
        String ual = publish("base:8453", HAMMER);

        CommandResult updated = update.execute(request(CommandType.UPDATE, null, Map.of("ual", ual, "assertions", GUITAR)));

        assertEquals(2, updated.data().get("version"));
        CommandResult read = get.execute(request(CommandType.GET, null, Map.of("ual", ual)));
        assertEquals(List.of(GUITAR), read.data().get("assertions"));
    }

    @Test
    void updateOfUnknownUalIsInvalid() {
        assertInvalid(update, "unknown ual", null, Map.of("ual", "did:dkg:otp:2043/0xabc/42", "assertions", GUITAR));
    }

    @Test
    void queryFindsMatchingAssertionsOnTheRequestedChain() throws CommandException {
        String hammerOnOtp = publish("otp:2043", HAMMER);
        publish("gnosis:100", HAMMER);
        publish("otp:2043", GUITAR);

        CommandResult result = query.execute(request(CommandType.QUERY, "otp:2043", Map.of("contains", "Hammer")));

        assertEquals(List.of(hammerOnOtp), result.data().get("uals"));
        assertInvalid(query, "query needs a non-blank payload.contains", null, Map.of("contains", " "));
    }

    @Test
    void cleanupRemovesOnlyExpiredCollections() throws CommandException {
        String shortLived = publish("otp:2043", HAMMER, "ttl_seconds", "10");
        String longLived = publish("otp:2043", GUITAR, "ttl_seconds", "100");
        CleanupCommand cleanupLater = new CleanupCommand(store, operations, Clock.offset(NOW, Duration.ofSeconds(50)));

        CommandResult result = cleanupLater.execute(request(CommandType.CLEANUP, null, Map.of()));

        assertEquals(1, result.data().get("removed"));
        assertInvalid(get, "unknown ual", null, Map.of("ual", shortLived));
        assertEquals(1, get.execute(request(CommandType.GET, null, Map.of("ual", longLived))).data().get("version"));
    }

    @Test
    void publishAndUpdateAreCompletedOperations() throws Exception {
        CommandRequest request = request(CommandType.PUBLISH, "otp:2043", Map.of("assertions", HAMMER));
        String ual = (String) publish.execute(request).data().get("ual");
        update.execute(request(CommandType.UPDATE, null, Map.of("ual", ual, "assertions", GUITAR)));

        assertEquals(OperationStatus.COMPLETED, operations.findById(request.operationId()).orElseThrow().status());
        assertEquals(2, operations.countByStatus(OperationStatus.COMPLETED));
    }

    @Test
    void assertionsThatAreNotNTriplesFailThePublishOperation() throws SQLException {
        CommandRequest request = request(CommandType.PUBLISH, "otp:2043",
                Map.of("assertions", "<urn:item:1> <https://schema.org/name> unquoted ."));

        InvalidCommandException e = assertThrows(InvalidCommandException.class, () -> publish.execute(request));

        assertTrue(e.getMessage().startsWith("assertions are not valid N-Triples"), e.getMessage());
        var operation = operations.findById(request.operationId()).orElseThrow();
        assertEquals(OperationStatus.FAILED, operation.status());
        assertEquals(e.getMessage(), operation.error());
        assertEquals(0, store.size());
    }

    @Test
    void updateOfUnknownUalFailsItsOperation() throws SQLException {
        CommandRequest request = request(CommandType.UPDATE, null,
                Map.of("ual", "did:dkg:otp:2043/0xabc/42", "assertions", GUITAR));

        assertThrows(InvalidCommandException.class, () -> update.execute(request));

        assertEquals(OperationStatus.FAILED, operations.findById(request.operationId()).orElseThrow().status());
    }

    @Test
    void queryRunsAClientsSparqlSelect() throws CommandException {
        publish("otp:2043", HAMMER);

        CommandResult result = query.execute(request(CommandType.QUERY, null, Map.of("sparql",
                "SELECT ?name WHERE { GRAPH ?g { ?item <https://schema.org/name> ?name } }")));

        assertEquals(List.of(Map.of("name", "\"Hammer\"")), result.data().get("rows"));
        assertInvalid(query, "malformed SPARQL", null, Map.of("sparql", "SELECT ?name WHERE {"));
        assertInvalid(query, "malformed SPARQL", null, Map.of("sparql", "DROP ALL"));
    }

    private String publish(String blockchain, String assertions, String... extraPayload) throws CommandException {
        Map<String, String> payload = new HashMap<>(Map.of("assertions", assertions));
        for (int i = 0; i < extraPayload.length; i += 2) {
            payload.put(extraPayload[i], extraPayload[i + 1]);
        }
        return (String) publish.execute(request(CommandType.PUBLISH, blockchain, payload)).data().get("ual");
    }

    private static CommandRequest request(CommandType type, String blockchain, Map<String, String> payload) {
        return CommandRequest.newOperation(type, blockchain, payload);
    }

    private static void assertInvalid(Command command, String messageStart, String blockchain,
                                      Map<String, String> payload) {
        CommandType type = CommandType.fromLabel(command.name()).orElseThrow();
        InvalidCommandException e = assertThrows(InvalidCommandException.class,
                () -> command.execute(request(type, blockchain, payload)));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }
}
