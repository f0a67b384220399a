package io.nodescope.agent.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nodescope.agent.metrics.MetricsText;
import io.nodescope.fixture.LazyResults;
import io.nodescope.fixture.LazyResults.Cursor;
import io.nodescope.fixture.LazyResults.RowFailure;
import io.nodescope.fixture.LazyResults.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rule with {@code lazy} on a store whose query returns a cursor computed as it is read: the call
 * is recorded once, when its cursor is read to its end, closed, fails, or its store is closed, and a
 * failure while reading is an error.
 */
class LazyResultsTest {

    private static final String RULES = String.join("\n",
            "[telemetry.metrics]",
            "[[rule]]",
            "name = 'cursors'",
            "kind = 'triple_store'",
            "class.name = 'io.nodescope.fixture.LazyResults$Store'",
            "method.name = 'query'",
            "values.type = 'cursor'",
            "lazy.result = 'io.nodescope.fixture.LazyResults$Rows'",
            "[[rule]]",
            "name = 'owned'",
            "kind = 'triple_store'",
            "class.name = 'io.nodescope.fixture.LazyResults$Store'",
            "method.name = 'nothing'",
            "values.type = 'owned'",
            "lazy.closing_this = true",
            "[[rule]]",
            "name = 'refused'",
            "kind = 'triple_store'",
            "class.name = 'io.nodescope.fixture.LazyResults$Store'",
            "method.name = 'refused'",
            "values.type = 'refused'",
            "lazy.result = 'io.nodescope.fixture.LazyResults$Rows'",
            "");

    @RegisterExtension
    static final InstalledRules INSTALLED = new InstalledRules(RULES);

    /** The calls recorded so far; 0 before the store's class is loaded and its series made. */
    private static double count(String type, String status) {
        MetricsText metrics = MetricsText.of(INSTALLED.registry());
        String series = "node_triple_store_query_duration_seconds_count{status=\"" + status + "\",type=\"" + type + "\"}";
        return metrics.has(series) ? metrics.value(series) : 0;
    }

    @Test
    void aQueryEndsWhenItsCursorIsReadToItsEndNotWhenItReturns() {
        double before = count("cursor", "ok");
        Cursor cursor = new Store().query(3, -1);
        assertEquals(before, count("cursor", "ok"), "not recorded while the node has rows to read");
        List<String> rows = new ArrayList<>();
        while (cursor.hasNext()) {
            rows.add(cursor.next());
            assertEquals(before, count("cursor", "ok"));
        }
        assertEquals(List.of("row 0", "row 1", "row 2"), rows);
        assertEquals(before + 1, count("cursor", "ok"), "recorded once, when hasNext() said no more");
        cursor.close();
        assertThrows(NoSuchElementException.class, cursor::next);
        assertEquals(before + 1, count("cursor", "ok"), "closing or reading past the end later records nothing more");
    }

    @Test
    void aFailureWhileReadingIsTheQuerysError() {
        double ok = count("cursor", "ok");
        double errors = count("cursor", "error");
        Cursor cursor = new Store().query(5, 2);
        cursor.next();
        cursor.next();
        assertThrows(RowFailure.class, cursor::next, "the node sees the failure unchanged");
        assertEquals(errors + 1, count("cursor", "error"));
        cursor.close();
        assertEquals(ok, count("cursor", "ok"));
        assertEquals(errors + 1, count("cursor", "error"), "once");

        assertThrows(RowFailure.class, () -> new Store().query(5, 0).forEachRemaining(row -> { }));
        assertEquals(errors + 2, count("cursor", "error"), "forEachRemaining fails like hasNext");
    }

    @Test
    void aCursorClosedBeforeItsEndOrReadByForEachEndsTheQuery() {
        double before = count("cursor", "ok");
        Cursor cursor = new Store().query(10, -1);
        cursor.next();
        cursor.close();
        assertEquals(before + 1, count("cursor", "ok"));
        new Store().query(4, -1).forEachRemaining(row -> { });
        assertEquals(before + 2, count("cursor", "ok"));
    }

    @Test
    void aQueryThatReturnsNothingToWatchOrFailsIsRecordedWhenItReturns() {
        double refused = count("refused", "error");
        assertThrows(RowFailure.class, () -> new Store().refused());
        assertEquals(refused + 1, count("refused", "error"));
        double owned = count("owned", "ok");
        Store store = new Store();
        assertNull(store.nothing());
        assertEquals(owned, count("owned", "ok"), "closing_this: waits for the store to be closed");
        store.close();
        assertEquals(owned + 1, count("owned", "ok"));
        store.close();
        assertEquals(owned + 1, count("owned", "ok"), "once");
    }

    @Test
    void aCursorTheNodeDropsUnreadIsRecordedOnceItIsReclaimed() throws InterruptedException {
        double before = count("cursor", "ok");
        dropUnread();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count("cursor", "ok") == before && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);  // gives the reference handler and the agent's thread their turn; polled, not timed
        }
        assertEquals(before + 1, count("cursor", "ok"), "recorded as ok, timed to its last use");
    }

    private static void dropUnread() {
        Cursor cursor = new Store().query(10, -1);
        cursor.next();
    }
}
