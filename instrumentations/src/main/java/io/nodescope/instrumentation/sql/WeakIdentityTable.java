package io.nodescope.instrumentation.sql;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Values kept for objects, by identity, for as long as each object lives, up to a number of objects.
 * A lookup allocates nothing and takes no lock, as it runs on every call of a statement; adding
 * takes the table's lock. Chains are immutable (an entry is replaced, never changed), so a lookup
 * that races an update sees the chain before it or after it.
 */
final class WeakIdentityTable<V> {

    private final int maxSize;
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private volatile Entry<V>[] table = newTable(64);
    /** Live entries; guarded by this. */
    private int size;

    WeakIdentityTable(int maxSize) {
        this.maxSize = maxSize;
    }

    V get(Object key) {
        Entry<V>[] current = table;
        for (Entry<V> entry = current[index(System.identityHashCode(key), current)]; entry != null; entry = entry.next) {
            if (entry.get() == key) {
                return entry.value;
            }
        }
        return null;
    }

    /** Keeps {@code value} for {@code key}, unless the table already holds its most objects. */
    synchronized void put(Object key, V value) {
        expungeCollected();
        Entry<V>[] current = table;
        int hash = System.identityHashCode(key);
        int index = index(hash, current);
        boolean present = holds(current[index], key);
        if (!present && size >= maxSize) {
            return;
        }
        if (!present) {
            size++;
        }
        current[index] = new Entry<>(key, hash, value, present ? without(current[index], key) : current[index], collected);
        if (size > current.length * 3 / 4) {
            grow(current);
        }
    }

    synchronized int size() {
        expungeCollected();
        return size;
    }

    private void expungeCollected() {
        Entry<V>[] current = table;
        for (Object gone = collected.poll(); gone != null; gone = collected.poll()) {
            int index = index(((Entry<?>) gone).hash, current);
            if (holds(current[index], gone)) {
                current[index] = without(current[index], gone);
                size--;
            }
        }
    }

    /** Whether the chain has an entry for {@code key}, or is {@code key}, an entry. */
    private static boolean holds(Entry<?> chain, Object key) {
        for (Entry<?> entry = chain; entry != null; entry = entry.next) {
            if (entry == key || entry.get() == key) {
                return true;
            }
        }
        return false;
    }

    /**
     * The chain without the entry {@code holds} finds, copying the entries before it; entries whose
     * object is gone are left out of the copy (and uncounted: their own turn in the queue then finds nothing).
     */
    private Entry<V> without(Entry<V> chain, Object key) {
        Object referent = chain.get();
        if (chain == key || referent == key) {
            return chain.next;
        }
        Entry<V> rest = without(chain.next, key);
        if (referent == null) {
            size--;
            return rest;
        }
        return new Entry<>(referent, chain.hash, chain.value, rest, collected);
    }

    private void grow(Entry<V>[] current) {
        Entry<V>[] bigger = newTable(current.length * 2);
        for (Entry<V> chain : current) {
            for (Entry<V> entry = chain; entry != null; entry = entry.next) {
                Object key = entry.get();
                if (key != null) {
                    int index = index(entry.hash, bigger);
                    bigger[index] = new Entry<>(key, entry.hash, entry.value, bigger[index], collected);
                } else {
                    size--;
                }
            }
        }
        table = bigger;
    }

    private static int index(int hash, Entry<?>[] table) {
        return (hash ^ (hash >>> 16)) & (table.length - 1);
    }

    @SuppressWarnings("unchecked")
    private static <V> Entry<V>[] newTable(int length) {
        return (Entry<V>[]) new Entry<?>[length];
    }

    private static final class Entry<V> extends WeakReference<Object> {
        final int hash;
        final V value;
        final Entry<V> next;

        Entry(Object key, int hash, V value, Entry<V> next, ReferenceQueue<Object> queue) {
            super(key, queue);
            this.hash = hash;
            this.value = value;
            this.next = next;
        }
    }
}
