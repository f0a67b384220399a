package org.example.node.api;

import java.util.Map;

/**
 * A snapshot of the node for {@code GET /status}.
 *
 * @param lastSyncSuccessMillis epoch milliseconds, or 0 before the first successful sync
 * @param syncQueueDepths       batches waiting in front of each sync stage, by stage name
 */
public record NodeStatus(String peerId, int queueDepth, int storeSize, int knownPeers, long lastSyncSuccessMillis,
                         Map<String, Integer> syncQueueDepths, long failedOperations) {
}
