package io.nodescope.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AgentArgumentsTest {

    @Test
    void theArgumentWinsOverTheEnvironment() {
        assertEquals(Optional.of(Path.of("/etc/node/a.toml")), AgentArguments.configPath("config=/etc/node/a.toml", "/b.toml"));
    }

    @Test
    void theEnvironmentIsTheFallback() {
        assertEquals(Optional.of(Path.of("/b.toml")), AgentArguments.configPath(null, "/b.toml"));
        assertEquals(Optional.of(Path.of("/b.toml")), AgentArguments.configPath("", " /b.toml "));
        assertEquals(Optional.empty(), AgentArguments.configPath(null, null));
    }

    @Test
    void anythingElseIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentArguments.configPath("conf=/a.toml", null));
        assertTrue(e.getMessage().contains("write -javaagent:nodescope-agent.jar=config=/path/to/nodescope.toml"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgentArguments.configPath("config=", null));
    }

    @Test
    void theConfigPathIsTheRestOfTheArgumentCommasAndEqualsSignsIncluded() {
        assertEquals(Optional.of(Path.of("/a,b/x.toml")), AgentArguments.configPath("config=/a,b/x.toml", null));
        assertEquals(Optional.of(Path.of("/etc/node/k=v,w.toml")), AgentArguments.configPath("config=/etc/node/k=v,w.toml", null));
        assertEquals(Optional.of(Path.of("/etc/node/a.toml")), AgentArguments.configPath(" config = /etc/node/a.toml ", null));
    }

    @Test
    void aPathInQuotesKeepsItsSpaces() {
        assertEquals(Optional.of(Path.of("/srv/my node/a,b.toml ")), AgentArguments.configPath("config=\"/srv/my node/a,b.toml \"", null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentArguments.configPath("config=\"/a.toml", null));
        assertTrue(e.getMessage().contains("closing quote"), e.getMessage());
    }
}
