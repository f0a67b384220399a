package org.example.node.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** The node's local copy of knowledge collections, published here or replicated from the network. */
public final class KnowledgeStore {
    private final Map<Ual, KnowledgeCollection> collections = new ConcurrentHashMap<>();

    /** Stores the collection, replacing any earlier copy with the same UAL. */
    public void put(KnowledgeCollection collection) {
        collections.put(collection.ual(), collection);
    }

    public Optional<KnowledgeCollection> get(Ual ual) {
        return Optional.ofNullable(collections.get(ual));
    }

    /** At most {@code limit} collections that match, in no particular order. */
    public List<KnowledgeCollection> query(Predicate<KnowledgeCollection> filter, int limit) {
        return collections.values().stream().filter(filter).limit(limit).toList();
    }

    /**
     * Replaces the collection with {@code change} applied to it, atomically with respect to other updates.
     *
     * @return the new collection, or empty if none has this UAL
     */
    public Optional<KnowledgeCollection> update(Ual ual, UnaryOperator<KnowledgeCollection> change) {
        return Optional.ofNullable(collections.computeIfPresent(ual, (key, current) -> change.apply(current)));
    }

    /** @return how many collections were removed */
    public int removeExpired(long nowMillis) {
        int removed = 0;
        for (KnowledgeCollection collection : collections.values()) {
            // conditional remove, so a copy replaced meanwhile by a put or update survives
            if (collection.isExpiredAt(nowMillis) && collections.remove(collection.ual(), collection)) {
                removed++;
            }
        }
        return removed;
    }

    public int size() {
        return collections.size();
    }
}
