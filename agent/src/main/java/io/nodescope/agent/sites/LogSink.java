package io.nodescope.agent.sites;

/** Where the node's log records go: the OTLP log export, or nowhere ({@link #OFF}) while logs are off or starting. */
public interface LogSink {

    LogSink OFF = record -> { };

    /** One record as its logging framework passed it; must not throw, and must not keep the record past the call. */
    void accept(Object record);
}
