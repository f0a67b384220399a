package io.nodescope.agent.config;

import java.util.Optional;

/**
 * A rule's {@code lazy}: its method returns a result the node reads after the method returned, and
 * the call ends when that result is used up, closed or fails, or when the object it ran on is closed.
 */
public final class LazyResult {

    static final LazyResult NONE = new LazyResult(null, false);

    private final String resultType;
    private final boolean closingThis;

    LazyResult(String resultType, boolean closingThis) {
        this.resultType = resultType;
        this.closingThis = closingThis;
    }

    /** Whether the rule says {@code lazy} at all. */
    public boolean any() {
        return resultType != null || closingThis;
    }

    /** {@code lazy.result}: the type of the returned result, whose {@code hasNext}, {@code next}, {@code forEachRemaining} and {@code close} are watched. */
    public Optional<String> resultType() {
        return Optional.ofNullable(resultType);
    }

    /** {@code lazy.closing_this}: closing the object the method ran on ends the call too. */
    public boolean closingThis() {
        return closingThis;
    }
}
