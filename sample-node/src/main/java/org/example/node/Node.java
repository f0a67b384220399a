package org.example.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.example.node.api.HttpApi;
import org.example.node.api.NodeStatus;
import org.example.node.command.CleanupCommand;
import org.example.node.command.CommandExecutor;
import org.example.node.command.GetCommand;
import org.example.node.command.PublishCommand;
import org.example.node.command.QueryCommand;
import org.example.node.command.UpdateCommand;
import org.example.node.network.HttpPeerNetwork;
import org.example.node.network.PeerClient;
import org.example.node.network.PeerIds;
import org.example.node.network.PeerNetwork;
import org.example.node.network.PeerService;
import org.example.node.network.PeerTable;
import org.example.node.network.SimulatedPeerNetwork;
import org.example.node.network.StalledSyncNetwork;
import org.example.node.operation.Database;
import org.example.node.operation.OperationRepository;
import org.example.node.operation.OperationStatus;
import org.example.node.operation.Operations;
import org.example.node.store.KnowledgeStore;
import org.example.node.store.TripleStore;
import org.example.node.sync.FetchStep;
import org.example.node.sync.InsertStep;
import org.example.node.sync.SyncPipeline;
import org.example.node.sync.SyncStage;
import org.example.node.sync.SyncState;
import org.example.node.sync.ValidateStep;
import org.example.node.task.CleanupTask;
import org.example.node.task.PeerDiscoveryTask;
import org.example.node.task.SyncTask;
import org.example.node.task.TaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's parts wired together and running: databases, command executor, sync pipeline, periodic tasks and
 * the HTTP API.
 */
final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);
    private static final Duration FIRST_TASK_RUN = Duration.ofMillis(300);
    private static final int PEER_TABLE_CAPACITY = 64;
    private static final int SYNC_QUEUE_CAPACITY = 16;

    private final String peerId;
    private final HttpApi api;
    /** Everything the node opened, most recent first: closing in this order stops intake before its consumers. */
    private final Deque<AutoCloseable> opened;

    private Node(String peerId, HttpApi api, Deque<AutoCloseable> opened) {
        this.peerId = peerId;
        this.api = api;
        this.opened = opened;
    }

    /**
     * Starts a node serving on 127.0.0.1 as the options say.
     *
     * @throws IOException  if the port cannot be bound or the data directory cannot be created
     * @throws SQLException if the operations database cannot be opened
     */
    static Node start(NodeOptions options) throws IOException, SQLException {
        Clock clock = Clock.systemUTC();
        String peerId = options.peerId() != null ? options.peerId() : PeerIds.random();
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Database database = open(opened, new Database(databaseUrl(options, opened)));
            OperationRepository operationRepository = new OperationRepository(database);
            operationRepository.createTable();
            Operations operations = new Operations(operationRepository, clock);
            KnowledgeStore store = new KnowledgeStore(open(opened, new TripleStore()));
            SyncState syncState = new SyncState();
            PeerTable peers = new PeerTable(PEER_TABLE_CAPACITY);
            PeerNetwork network = withFault(options.fault(), options.peers().isEmpty()
                    ? new SimulatedPeerNetwork(options.networkFailureShare(), clock)
                    : new HttpPeerNetwork(options.peers(), new PeerClient(peerId)));
            CommandExecutor commands = open(opened, new CommandExecutor(List.of(
                    new PublishCommand(store, operations, clock, assetContract(peerId)),
                    new GetCommand(store),
                    new QueryCommand(store),
                    new UpdateCommand(store, operations),
                    new CleanupCommand(store, operationRepository, clock))));
            SyncPipeline pipeline = open(opened, new SyncPipeline(List.of(
                    new SyncStage(new FetchStep(network), 2, SYNC_QUEUE_CAPACITY),
                    new SyncStage(new ValidateStep(clock), 1, SYNC_QUEUE_CAPACITY),
                    new SyncStage(new InsertStep(store), 1, SYNC_QUEUE_CAPACITY))));
            TaskScheduler tasks = open(opened, new TaskScheduler(List.of(
                    new SyncTask(pipeline, syncState, clock),
                    new PeerDiscoveryTask(network, peers, clock),
                    new CleanupTask(commands)), FIRST_TASK_RUN));
            HttpApi api = open(opened, HttpApi.start(options.port(), commands, operationRepository,
                    new PeerService(peerId, store, peers, clock),
                    () -> new NodeStatus(peerId, commands.queueDepth(), store.size(), peers.size(),
                            syncState.lastSuccessMillis(), queueDepths(pipeline),
                            failedOperations(operationRepository))));
            tasks.start();
            return new Node(peerId, api, opened);
        } catch (IOException | SQLException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    URI baseUri() {
        return URI.create("http://" + HttpApi.BIND_ADDRESS + ":" + api.port());
    }

    String peerId() {
        return peerId;
    }

    /** Stops taking requests first, then background work, then the commands still running, then storage. */
    @Override
    public void close() {
        closeAll(opened);
    }

    /** The given URL, or embedded H2 in the data directory, a fresh temporary one unless given. */
    private static String databaseUrl(NodeOptions options, Deque<AutoCloseable> opened) throws IOException {
        if (options.dbUrl() != null) {
            return options.dbUrl();
        }
        Path dataDir = options.dataDir();
        if (dataDir == null) {
            Path temporary = Files.createTempDirectory("sample-node-");
            opened.push(() -> deleteRecursively(temporary)); // closed last, after the database in it
            dataDir = temporary;
        } else {
            Files.createDirectories(dataDir);
        }
        // the node closes the database itself, after its last command, rather than H2's own shutdown hook
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("operations") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Stands in for the chain handing out globally unique token ids: each node mints into its own contract,
     * derived from its peer id, so two nodes never publish under the same UAL.
     */
    private static String assetContract(String peerId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(peerId.getBytes(StandardCharsets.UTF_8));
            return "0x" + HexFormat.of().formatHex(hash, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static PeerNetwork withFault(Fault fault, PeerNetwork network) {
        if (fault == Fault.SYNC_STALL) {
            LOG.warn("fault {}: no sync run will succeed", fault.optionValue());
            return new StalledSyncNetwork(network);
        }
        return network;
    }

    private static Map<String, Integer> queueDepths(SyncPipeline pipeline) {
        Map<String, Integer> depths = new LinkedHashMap<>();
        pipeline.stages().forEach(stage -> depths.put(stage.name(), stage.queueDepth()));
        return depths;
    }

    private static long failedOperations(OperationRepository operations) {
        try {
            return operations.countByStatus(OperationStatus.FAILED);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count failed operations: " + e.getMessage(), e);
        }
    }

    private static <T extends AutoCloseable> T open(Deque<AutoCloseable> opened, T resource) {
        opened.push(resource);
        return resource;
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) { // one failing part must not keep the others open
                LOG.warn("could not close {}: {}", resource, e.toString());
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
