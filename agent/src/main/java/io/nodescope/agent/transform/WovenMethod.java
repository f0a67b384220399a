package io.nodescope.agent.transform;

import io.nodescope.agent.matching.MethodOutline;
import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Kinds;

/**
 * What to weave into one method: the call to its site, when a rule records its calls, and what
 * the kinds that change values do there (hand a task off, inject a request's context, pass a log
 * record on, add the trace to a log record's context).
 */
final class WovenMethod {

    final MethodOutline method;
    int site = -1;
    boolean readsArguments;
    boolean readsReturn;
    /** Whether the first argument is replaced by what the dispatch's {@code handOff}, {@code inject} make of it. */
    boolean handOff;
    boolean inject;
    boolean logRecord;
    boolean logContext;

    WovenMethod(MethodOutline method) {
        this.method = method;
    }

    /** The key a class file names a method by. */
    static String key(String name, String descriptor) {
        return name + descriptor;
    }

    String key() {
        return key(method.name(), method.descriptor());
    }

    WovenMethod site(int id, boolean readsArguments, boolean readsReturn) {
        this.site = id;
        this.readsArguments = readsArguments;
        this.readsReturn = readsReturn;
        return this;
    }

    /** Adds what a kind that changes values does. A primitive first argument or return value has nothing to change. */
    void add(Kind kind) {
        boolean referenceArgument = method.takesReferenceFirst();
        if (kind == Kinds.HANDOFF && referenceArgument) {
            handOff = true;
        } else if (kind == Kinds.INJECT && referenceArgument) {
            inject = true;
        } else if (kind == Kinds.LOG_RECORD && referenceArgument) {
            logRecord = true;
        } else if (kind == Kinds.LOG_CONTEXT && !method.returnsPrimitive()) {
            logContext = true;
        }
    }
}
