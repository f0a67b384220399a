package io.nodescope.agent;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.ConfigException;
import io.nodescope.agent.config.ConfigLoader;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's entry: read the config, stay off when it is missing, invalid or disables both
 * signals, else start. Nothing here may stop the node from starting.
 */
public final class NodescopeAgent {

    private NodescopeAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, false);
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        start(arguments, instrumentation, true);
    }

    private static void start(String arguments, Instrumentation instrumentation, boolean attachedLate) {
        long begun = System.nanoTime();
        try {
            Optional<Path> path = AgentArguments.configPath(arguments, System.getenv(AgentArguments.CONFIG_VARIABLE));
            if (path.isEmpty()) {
                AgentLog.error("no config given; write -javaagent:nodescope-agent.jar=config=/path/to/nodescope.toml or set "
                        + AgentArguments.CONFIG_VARIABLE + ". The agent stays off.");
                return;
            }
            AgentConfig config = ConfigLoader.load(path.get());
            if (!config.anySignalEnabled()) {
                AgentLog.info("traces, metrics and logs are all disabled in " + path.get() + "; the agent stays off");
                return;
            }
            BootstrapClasses.define(instrumentation);
            AgentRuntime.start(config, instrumentation, attachedLate, begun);
        } catch (ConfigException e) {
            AgentLog.error("the config is invalid, the agent stays off and the node starts without it:\n" + e.getMessage());
        } catch (Throwable e) {
            AgentLog.error("could not start (" + e + "); the agent stays off and the node starts without it");
        }
    }
}
