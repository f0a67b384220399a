package io.nodescope.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A running JVM reached through the JDK's attach API. The only class that names it: the module
 * {@code jdk.attach} is in a JDK but may be missing from a JRE, and {@link AttachCommand} checks
 * for it before it loads this class.
 */
final class TargetJvm implements AutoCloseable {

    private final VirtualMachine machine;

    private TargetJvm(VirtualMachine machine) {
        this.machine = machine;
    }

    static TargetJvm attach(long pid) throws Failure {
        try {
            return new TargetJvm(VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException | IOException e) {
            throw new Failure(e);
        }
    }

    /** A system property of the target, read now. */
    Optional<String> systemProperty(String name) throws Failure {
        try {
            return Optional.ofNullable(machine.getSystemProperties().getProperty(name));
        } catch (IOException e) {
            throw new Failure(e);
        }
    }

    /** Loads {@code jar} as an agent and runs its {@code agentmain} with {@code arguments}; returns when that returned. */
    void loadAgent(Path jar, String arguments) throws Failure {
        try {
            machine.loadAgent(jar.toString(), arguments);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            throw new Failure(e);
        }
    }

    @Override
    public void close() {
        try {
            machine.detach();
        } catch (IOException e) {
            // the connection is gone already: nothing left to release
        }
    }

    /** What the attach API reported, in words, without its types. */
    static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        Failure(Exception cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }
}
