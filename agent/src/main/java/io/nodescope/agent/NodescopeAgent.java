package io.nodescope.agent;

import io.nodescope.agent.config.AgentConfig;
import io.nodescope.agent.config.ConfigException;
import io.nodescope.agent.config.ConfigLoader;
import io.nodescope.agent.config.OffSwitch;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's entry: read the config, stay off when it is missing, invalid or disables both
 * signals, else start. Nothing here may stop the node from starting. Only this, the config reader
 * and what it names are in the agent jar's own directory; the runtime is reached through
 * {@link AgentLibraries#core()}, by name, so that a disabled agent never opens it.
 */
public final class NodescopeAgent {

    private static final String RUNTIME = "io.nodescope.agent.AgentRuntime";
    private static final String COMMAND_LINE = "io.nodescope.agent.cli.Main";

    private NodescopeAgent() {
    }

    public static void premain(String arguments, Instrumentation instrumentation) {
        if (AgentPresence.claim(false)) {
            start(arguments, instrumentation, false);
        }
    }

    public static void agentmain(String arguments, Instrumentation instrumentation) {
        if (AgentPresence.claim(true)) {
            start(arguments, instrumentation, true);
        }
    }

    /** {@code java -jar nodescope-agent.jar}: the commands, which need the runtime's rule matching. */
    public static void main(String[] args) throws Throwable {
        Method main = Class.forName(COMMAND_LINE, true, AgentLibraries.core()).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Stays off when the config turns no signal on, seen from its lines alone ({@link OffSwitch}) or,
     * when they leave a doubt, from its {@code [telemetry]} sections, so that a disabled agent costs
     * the node no more than reading one file. Else registers the transformer that
     * holds the node's classes until the rules are in place and starts the agent on its own thread:
     * reading the rules, their rewriting and the signals run beside the node's start, not before it.
     * Attached to a running JVM, it waits for that start, as there is no node start to keep short
     * and the attaching command reports the outcome.
     */
    private static void start(String arguments, Instrumentation instrumentation, boolean attachedLate) {
        long begun = System.nanoTime();
        try {
            Optional<Path> path = AgentArguments.configPath(arguments, System.getenv(AgentArguments.CONFIG_VARIABLE));
            if (path.isEmpty()) {
                AgentLog.error("no config given; write -javaagent:nodescope-agent.jar=config=/path/to/nodescope.toml or set "
                        + AgentArguments.CONFIG_VARIABLE + ". The agent stays off.");
                AgentPresence.stayedOff();
                return;
            }
            if (OffSwitch.allOff(path.get())) {
                stayOff(path.get());
                return;
            }
            ConfigLoader.StartDecision decision = ConfigLoader.decideStart(path.get());
            if (!decision.anySignalEnabled()) {
                stayOff(path.get());
                return;
            }
            StartingTransformer starting = new StartingTransformer();
            instrumentation.addTransformer(starting, true);
            long premainNanos = System.nanoTime() - begun;
            Thread start = AgentThreads.newThread(new BackgroundStart(decision, instrumentation, starting, attachedLate, begun, premainNanos),
                    "nodescope-start");
            start.start();
            if (attachedLate) {
                start.join();
            }
        } catch (ConfigException e) {
            AgentLog.error("the config is invalid, the agent stays off and the node starts without it:\n" + e.getMessage());
            AgentPresence.stayedOff();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            AgentLog.error("could not start (" + e + "); the agent stays off and the node starts without it");
            AgentPresence.failed();
        }
    }

    private static void stayOff(Path config) {
        AgentLog.info("traces, metrics and logs are all disabled in " + config + "; the agent stays off");
        AgentPresence.stayedOff();
    }

    /** The agent's start, on its own thread; a class rather than a lambda, whose first use cost {@code premain} 2–4 ms more. */
    private static final class BackgroundStart implements Runnable {

        private final ConfigLoader.StartDecision decision;
        private final Instrumentation instrumentation;
        private final StartingTransformer starting;
        private final boolean attachedLate;
        private final long begunNanos;
        private final long premainNanos;

        BackgroundStart(ConfigLoader.StartDecision decision, Instrumentation instrumentation, StartingTransformer starting,
                boolean attachedLate, long begunNanos, long premainNanos) {
            this.decision = decision;
            this.instrumentation = instrumentation;
            this.starting = starting;
            this.attachedLate = attachedLate;
            this.begunNanos = begunNanos;
            this.premainNanos = premainNanos;
        }

        @Override
        public void run() {
            startInBackground(decision, instrumentation, starting, attachedLate, begunNanos, premainNanos);
        }
    }

    private static void startInBackground(ConfigLoader.StartDecision decision, Instrumentation instrumentation, StartingTransformer starting,
            boolean attachedLate, long begunNanos, long premainNanos) {
        try {
            AgentConfig config = decision.withRules();
            BootstrapClasses.define(instrumentation);
            Class.forName(RUNTIME, true, AgentLibraries.core())
                    .getMethod("start", AgentConfig.class, Instrumentation.class, StartingTransformer.class, boolean.class, long.class, long.class)
                    .invoke(null, config, instrumentation, starting, attachedLate, begunNanos, premainNanos);
        } catch (InvocationTargetException e) {
            AgentLog.error("could not start (" + e.getCause() + "); the agent stays off and the node runs without it");
            starting.stayOff(instrumentation);
            AgentPresence.failed();
        } catch (ConfigException e) {
            AgentLog.error("the config is invalid, the agent stays off and the node runs without it:\n" + e.getMessage());
            starting.stayOff(instrumentation);
            AgentPresence.stayedOff();
        } catch (Throwable e) {
            AgentLog.error("could not start (" + e + "); the agent stays off and the node runs without it");
            starting.stayOff(instrumentation);
            AgentPresence.failed();
        }
    }
}
