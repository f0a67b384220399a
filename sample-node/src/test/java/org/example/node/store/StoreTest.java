package org.example.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The knowledge store over a real embedded triple store. */
class StoreTest {
    private static final String CONTRACT = "0x5cac41237127f94c2d21dae0b14bfefa99880630";
    private static final String HAMMER = "<urn:item:1> <https://schema.org/name> \"Hammer\" .";
    private static final String GUITAR = "<urn:item:2> <https://schema.org/name> \"Guitar\"@en .";

    private final TripleStore triples = new TripleStore();
    private final KnowledgeStore store = new KnowledgeStore(triples);

    @AfterEach
    void close() {
        triples.close();
    }

    @Test
    void ualRoundTripsThroughItsText() {
        Ual ual = new Ual("otp:2043", CONTRACT, 42);

        assertEquals("did:dkg:otp:2043/" + CONTRACT + "/42", ual.toString());
        assertEquals(ual, Ual.parse(ual.toString()));
    }

    @Test
    void malformedUalsAreRejected() {
        for (String text : List.of("", "did:dkg:otp:2043/42", "did:dkg:otp/0xabc/1", "did:dkg:otp:2043/abc/1",
                "did:dkg:otp:2043/0xabc/-1", "urn:dkg:otp:2043/0xabc/1")) {
            assertThrows(IllegalArgumentException.class, () -> Ual.parse(text), text);
        }
        assertThrows(IllegalArgumentException.class, () -> new Ual("OTP", CONTRACT, 1));
    }

    @Test
    void insertedCollectionReadsBackSorted() throws MalformedAssertionException {
        KnowledgeCollection collection = collection(1, 1, List.of(GUITAR, HAMMER), 500);

        store.insert(collection);

        assertEquals(collection(1, 1, List.of(HAMMER, GUITAR), 500), store.get(collection.ual()).orElseThrow());
        assertEquals(1, store.size());
    }

    @Test
    void malformedAssertionsAreNotStored() {
        assertThrows(MalformedAssertionException.class,
                () -> store.insert(collection(1, 1, List.of("<urn:a> <urn:b> c ."), 500)));
        assertEquals(0, store.size());
    }

    @Test
    void updateReplacesAssertionsAsTheNextVersion() throws MalformedAssertionException {
        store.insert(collection(1, 1, List.of(HAMMER), 500));

        KnowledgeCollection updated = store.update(ual(1), List.of(GUITAR)).orElseThrow();

        assertEquals(collection(1, 2, List.of(GUITAR), 500), updated);
        assertEquals(updated, store.get(ual(1)).orElseThrow());
        assertTrue(store.update(ual(2), List.of(GUITAR)).isEmpty(), "unknown UAL");
    }

    @Test
    void insertIfNewerSkipsTheSameOrAnOlderVersion() throws MalformedAssertionException {
        assertTrue(store.insertIfNewer(collection(1, 2, List.of(HAMMER), 500)));

        assertFalse(store.insertIfNewer(collection(1, 2, List.of(GUITAR), 500)));
        assertFalse(store.insertIfNewer(collection(1, 1, List.of(GUITAR), 500)));
        assertEquals(List.of(HAMMER), store.get(ual(1)).orElseThrow().assertions());

        assertTrue(store.insertIfNewer(collection(1, 3, List.of(GUITAR), 500)));
        assertEquals(List.of(GUITAR), store.get(ual(1)).orElseThrow().assertions());
        assertEquals(1, store.size());
    }

    @Test
    void findContainingMatchesTermsAndChains() throws MalformedAssertionException {
        store.insert(collection(1, 1, List.of(HAMMER), 500));
        store.insert(new KnowledgeCollection(new Ual("gnosis:100", CONTRACT, 2), List.of(HAMMER), 1, 500));
        store.insert(collection(3, 1, List.of(GUITAR), 500));

        assertEquals(List.of(ual(1)), store.findContaining("Hammer", "otp:2043", 10));
        assertEquals(2, store.findContaining("Hammer", null, 10).size());
        assertEquals(1, store.findContaining("Hammer", null, 1).size());
        assertEquals(List.of(), store.findContaining("\" ) } } DROP ALL #", null, 10), "text stays a literal");
        assertEquals(3, store.size());
    }

    @Test
    void changedSinceListsChangesOfOneChainInOrder() throws MalformedAssertionException {
        store.insert(collection(1, 1, List.of(HAMMER), 500));
        store.insert(new KnowledgeCollection(new Ual("gnosis:100", CONTRACT, 2), List.of(HAMMER), 1, 500));
        store.insert(collection(3, 1, List.of(GUITAR), 500));
        store.update(ual(1), List.of(GUITAR));

        List<KnowledgeStore.Change> all = store.changedSince("otp:2043", 0, 10);
        List<KnowledgeStore.Change> later = store.changedSince("otp:2043", all.get(0).sequence(), 10);

        assertEquals(List.of(ual(3), ual(1)), all.stream().map(change -> change.collection().ual()).toList());
        assertEquals(2, all.get(1).collection().version());
        assertEquals(List.of(ual(1)), later.stream().map(change -> change.collection().ual()).toList());
    }

    @Test
    void removeExpiredCountsWhatItRemoved() throws MalformedAssertionException {
        store.insert(collection(1, 1, List.of(HAMMER), 100));
        store.insert(collection(2, 1, List.of(HAMMER), 200));
        store.insert(collection(3, 1, List.of(GUITAR), 300));

        assertEquals(2, store.removeExpired(200));
        assertEquals(1, store.size());
        assertTrue(store.get(ual(3)).isPresent());
        assertTrue(store.get(ual(1)).isEmpty());
        assertEquals(List.of(), store.findContaining("Hammer", null, 10), "the triples went too");
    }

    @Test
    void clientSelectReturnsNTriplesTermsUpToTheLimit() throws MalformedAssertionException {
        store.insert(collection(1, 1, List.of(HAMMER, GUITAR), 500));

        List<?> rows = store.select("SELECT ?name WHERE { GRAPH ?g { ?s <https://schema.org/name> ?name } }"
                + " ORDER BY ?name", 1);

        assertEquals(List.of(java.util.Map.of("name", "\"Guitar\"@en")), rows);
        assertThrows(SparqlSyntaxException.class, () -> store.select("SELECT ?name WHERE {", 1));
    }

    private static Ual ual(long tokenId) {
        return new Ual("otp:2043", CONTRACT, tokenId);
    }

    private static KnowledgeCollection collection(long tokenId, int version, List<String> assertions, long expiresAt) {
        return new KnowledgeCollection(ual(tokenId), assertions, version, expiresAt);
    }
}
