package io.nodescope.agent.transform;

/** What {@link ClassRewriter} weaves once, and never loads, to warm the weaving up: a method of each common shape. */
final class WarmUp {

    private WarmUp() {
    }

    static String withArguments(String text, int times) {
        return text.repeat(times);
    }

    long withReturn(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative");
        }
        return value + 1;
    }

    void withNothing() {
    }
}
