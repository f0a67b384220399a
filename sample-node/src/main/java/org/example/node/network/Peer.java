package org.example.node.network;

import java.net.URI;

/** Another node: where it listens and the id it gave in the handshake. */
public record Peer(URI uri, String peerId) {
}
