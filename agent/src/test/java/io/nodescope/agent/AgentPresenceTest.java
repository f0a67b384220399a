package io.nodescope.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JVM's claim, in this test JVM's own system properties. */
class AgentPresenceTest {

    @BeforeEach
    @AfterEach
    void forget() {
        System.clearProperty(AgentPresence.PROPERTY);
    }

    @Test
    void oneStartPerJvmWhateverItsOrigin() {
        assertTrue(AgentPresence.claim(false));
        assertFalse(AgentPresence.claim(true));
        assertFalse(AgentPresence.claim(false));
        assertEquals("starting javaagent", System.getProperty(AgentPresence.PROPERTY));
    }

    @Test
    void aStartThatStayedOffLetsALaterOneClaim() {
        assertTrue(AgentPresence.claim(false));
        AgentPresence.stayedOff();
        assertEquals("off javaagent", System.getProperty(AgentPresence.PROPERTY));
        assertTrue(AgentPresence.claim(true));
        assertEquals("starting attach", System.getProperty(AgentPresence.PROPERTY));
    }

    @Test
    void aFailedStartKeepsTheJvmClaimed() {
        assertTrue(AgentPresence.claim(true));
        AgentPresence.failed();
        assertFalse(AgentPresence.claim(true));
        assertEquals(AgentPresence.FAILED, AgentPresence.parse(System.getProperty(AgentPresence.PROPERTY)).state());
    }

    @Test
    void aRunningAgentPublishesTheMethodsPerRule() {
        assertTrue(AgentPresence.claim(true));
        Map<String, List<String>> methods = new LinkedHashMap<>();
        methods.put("node-commands", List.of("org.example.PublishCommand.execute", "org.example.GetCommand.execute"));
        methods.put("rule with\ttab and spaces", List.of());
        methods.put("a-tasks", List.of("org.example.SyncTask.run"));
        methods.put("two\nlines", List.of("org.example.Two.lines"));
        AgentPresence.running(methods);
        AgentPresence read = AgentPresence.parse(System.getProperty(AgentPresence.PROPERTY));
        assertEquals(AgentPresence.RUNNING, read.state());
        assertEquals("attach", read.origin());
        assertEquals(List.of("node-commands", "rule with\ttab and spaces", "a-tasks", "two lines"),
                List.copyOf(read.instrumentedMethods().keySet()));
        assertEquals(List.of(List.of("org.example.PublishCommand.execute", "org.example.GetCommand.execute"), List.of(),
                List.of("org.example.SyncTask.run"), List.of("org.example.Two.lines")), List.copyOf(read.instrumentedMethods().values()));
        assertFalse(AgentPresence.claim(false));
    }
}
