package org.example.node.api;

/**
 * A snapshot of the node for {@code GET /status}.
 *
 * @param lastSyncSuccessMillis epoch milliseconds, or 0 before the first successful sync
 */
public record NodeStatus(int queueDepth, int storeSize, int knownPeers, long lastSyncSuccessMillis) {
}
