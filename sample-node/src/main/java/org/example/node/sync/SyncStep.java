package org.example.node.sync;

/** The work of one sync stage on one batch; {@link SyncStage} runs it on the stage's own threads. */
public interface SyncStep {
    /** Short snake_case name, e.g. {@code fetch}. */
    String name();

    StageResult process(SyncBatch batch) throws SyncException;
}
