package org.example.node.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StoreTest {
    private static final String CONTRACT = "0x5cac41237127f94c2d21dae0b14bfefa99880630";

    private final KnowledgeStore store = new KnowledgeStore();

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
    void removeExpiredCountsWhatItRemoved() {
        store.put(collection(1, 100));
        store.put(collection(2, 200));
        store.put(collection(3, 300));

        assertEquals(2, store.removeExpired(200));
        assertEquals(1, store.size());
        assertTrue(store.get(new Ual("otp:2043", CONTRACT, 3)).isPresent());
    }

    @Test
    void updateOfMissingCollectionChangesNothing() {
        assertTrue(store.update(new Ual("otp:2043", CONTRACT, 1), c -> c.withAssertions(List.of())).isEmpty());
        assertEquals(0, store.size());
    }

    @Test
    void queryStopsAtTheLimit() {
        for (int i = 0; i < 5; i++) {
            store.put(collection(i, Long.MAX_VALUE));
        }

        assertEquals(3, store.query(collection -> true, 3).size());
    }

    private static KnowledgeCollection collection(long tokenId, long expiresAtMillis) {
        return new KnowledgeCollection(new Ual("otp:2043", CONTRACT, tokenId),
                List.of("<urn:item:" + tokenId + "> <urn:p> \"o\" ."), 1, expiresAtMillis);
    }
}
