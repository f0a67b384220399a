package org.example.node;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.example.node.api.HttpApi;
import org.example.node.api.NodeStatus;
import org.example.node.command.CleanupCommand;
import org.example.node.command.CommandExecutor;
import org.example.node.command.GetCommand;
import org.example.node.command.PublishCommand;
import org.example.node.command.QueryCommand;
import org.example.node.command.UpdateCommand;
import org.example.node.network.PeerNetwork;
import org.example.node.network.PeerTable;
import org.example.node.network.SimulatedPeerNetwork;
import org.example.node.store.KnowledgeStore;
import org.example.node.sync.SyncState;
import org.example.node.task.CleanupTask;
import org.example.node.task.PeerDiscoveryTask;
import org.example.node.task.SyncTask;
import org.example.node.task.TaskScheduler;

/** The node's parts wired together and running: the command executor, its HTTP API and its periodic tasks. */
final class Node implements AutoCloseable {
    private static final Duration FIRST_TASK_RUN = Duration.ofMillis(300);
    private static final double NETWORK_FAILURE_SHARE = 0.1;
    private static final int PEER_TABLE_CAPACITY = 64;

    private final CommandExecutor commands;
    private final HttpApi api;
    private final TaskScheduler tasks;

    private Node(CommandExecutor commands, HttpApi api, TaskScheduler tasks) {
        this.commands = commands;
        this.api = api;
        this.tasks = tasks;
    }

    /**
     * Starts a node serving on 127.0.0.1:port (0 picks a free port).
     *
     * @throws IOException if the port cannot be bound
     */
    static Node start(int port) throws IOException {
        Clock clock = Clock.systemUTC();
        KnowledgeStore store = new KnowledgeStore();
        SyncState syncState = new SyncState();
        PeerTable peers = new PeerTable(PEER_TABLE_CAPACITY);
        PeerNetwork network = new SimulatedPeerNetwork(NETWORK_FAILURE_SHARE, clock);
        CommandExecutor commands = new CommandExecutor(List.of(
                new PublishCommand(store, clock),
                new GetCommand(store),
                new QueryCommand(store),
                new UpdateCommand(store),
                new CleanupCommand(store, clock)));
        HttpApi api;
        try {
            api = HttpApi.start(port, commands, () -> new NodeStatus(
                    commands.queueDepth(), store.size(), peers.size(), syncState.lastSuccessMillis()));
        } catch (IOException e) {
            commands.close();
            throw e;
        }
        TaskScheduler tasks = new TaskScheduler(List.of(
                new SyncTask(network, store, syncState, clock),
                new PeerDiscoveryTask(network, peers, clock),
                new CleanupTask(commands)), FIRST_TASK_RUN);
        tasks.start();
        return new Node(commands, api, tasks);
    }

    URI baseUri() {
        return URI.create("http://" + HttpApi.BIND_ADDRESS + ":" + api.port());
    }

    /** Stops taking requests first, then background work, then the commands still running. */
    @Override
    public void close() {
        api.close();
        tasks.close();
        commands.close();
    }
}
