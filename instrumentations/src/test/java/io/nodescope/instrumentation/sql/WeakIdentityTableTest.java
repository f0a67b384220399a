package io.nodescope.instrumentation.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityTableTest {

    @Test
    void findsAValueByTheIdentityOfItsObject() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(1000);
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            keys.add(new Object());
            table.put(keys.get(i), "v" + i);
        }
        for (int i = 0; i < keys.size(); i++) {
            assertEquals("v" + i, table.get(keys.get(i)));
        }
        String key = "key";
        table.put(key, "by identity");
        assertNull(table.get(new String("key")), "an equal object is another object");
        assertEquals("by identity", table.get(key));
    }

    @Test
    void holdsAtMostItsLimitButStillReplacesAValue() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(3);
        Object[] keys = {new Object(), new Object(), new Object(), new Object()};
        for (int i = 0; i < keys.length; i++) {
            table.put(keys[i], "v" + i);
        }
        assertEquals(3, table.size());
        assertNull(table.get(keys[3]));
        table.put(keys[0], "again");
        assertEquals("again", table.get(keys[0]));
        assertEquals(3, table.size());
    }

    @Test
    void forgetsObjectsNoLongerUsed() {
        WeakIdentityTable<String> table = new WeakIdentityTable<>(10_000);
        Object kept = new Object();
        table.put(kept, "kept");
        for (int i = 0; i < 5000; i++) {
            table.put(new Object(), "gone");
        }
        for (int attempt = 0; attempt < 100 && table.size() > 1; attempt++) {
            System.gc();
        }
        assertEquals(1, table.size(), "only the object still referenced is remembered");
        assertEquals("kept", table.get(kept));
    }
}
