package org.example.node.network;

import java.util.List;
import org.example.node.store.KnowledgeCollection;
import org.example.node.store.Ual;

/** The JSON bodies nodes exchange over HTTP; field names go over the wire in snake_case. */
public final class PeerMessages {
    private PeerMessages() {
    }

    /** Sent both ways: who the node is and which chains it holds collections for. */
    public record Handshake(String peerId, List<String> blockchains) {
    }

    /** Asks for collections on one chain changed after the given point of the serving node's sequence. */
    public record CollectionsRequest(String peerId, String blockchain, long afterSequence, int limit) {
    }

    /** @param lastSequence where the next request should continue; unchanged when nothing was new */
    public record CollectionsReply(String peerId, List<WireCollection> collections, long lastSequence) {
    }

    public record WireCollection(String ual, int version, List<String> assertions, long expiresAtMillis) {
        static WireCollection of(KnowledgeCollection collection) {
            return new WireCollection(collection.ual().toString(), collection.version(), collection.assertions(),
                    collection.expiresAtMillis());
        }

        /** @throws IllegalArgumentException if the UAL is malformed or a field is missing */
        KnowledgeCollection toCollection() {
            if (ual == null || assertions == null) {
                throw new IllegalArgumentException("a collection needs a ual and assertions");
            }
            return new KnowledgeCollection(Ual.parse(ual), assertions, version, expiresAtMillis);
        }
    }
}
