package io.nodescope.agent.sites;

import io.nodescope.agent.config.RuleValue.TextCase;
import io.nodescope.instrumentation.site.ValueReader;
import java.util.List;

/**
 * A rule value of alternatives, tried in order until one gives a value that is neither null nor
 * empty, its text cased as the rule says. Alternatives never apply to values recorded as numbers
 * (the rules file refuses them), so those delegate to the first.
 */
final class ComposedValue implements ValueReader {

    private final ValueReader[] alternatives;
    private final TextCase textCase;
    private final boolean readsArguments;
    private final boolean readsReturn;
    /** The last text cased and its result: a value read again as the same object (an enum's name) is cased once. */
    private Cased last = new Cased(null, null);

    private ComposedValue(List<ValueReader> alternatives, TextCase textCase) {
        this.alternatives = alternatives.toArray(new ValueReader[0]);
        this.textCase = textCase;
        this.readsArguments = alternatives.stream().anyMatch(ValueReader::readsArguments);
        this.readsReturn = alternatives.stream().anyMatch(ValueReader::readsReturn);
    }

    /**
     * The value read from {@code alternatives} (those readable on the method, in the rule's order):
     * a constant when the first is one, the single alternative itself when there is nothing to
     * compose.
     */
    static ValueReader of(List<? extends ValueReader> alternatives, TextCase textCase) {
        ValueReader first = alternatives.get(0);
        if (first.isConstant() && first.constant() != null && !first.constant().isEmpty()) {
            return textCase == TextCase.AS_READ ? first : ValueReader.constant(textCase.apply(first.constant()));
        }
        if (alternatives.size() == 1 && textCase == TextCase.AS_READ) {
            return first;
        }
        return new ComposedValue(List.copyOf(alternatives), textCase);
    }

    @Override
    public String read(Object self, Object[] arguments, Object returned) {
        for (ValueReader alternative : alternatives) {
            String text = alternative.read(self, arguments, returned);
            if (text != null && !text.isEmpty()) {
                return cased(text);
            }
        }
        return null;
    }

    @Override
    public Object readObject(Object self, Object[] arguments, Object returned) {
        if (textCase != TextCase.AS_READ) {
            return read(self, arguments, returned);
        }
        for (ValueReader alternative : alternatives) {
            Object value = alternative.readObject(self, arguments, returned);
            if (value != null && !(value instanceof CharSequence && ((CharSequence) value).length() == 0)) {
                return value;
            }
        }
        return null;
    }

    @Override
    public Object start(Object self, Object[] arguments, Object returned) {
        return alternatives[0].start(self, arguments, returned);
    }

    @Override
    public double readNumberFrom(Object start) {
        return alternatives[0].readNumberFrom(start);
    }

    @Override
    public boolean isConstant() {
        return false;
    }

    @Override
    public String constant() {
        return null;
    }

    @Override
    public boolean readsArguments() {
        return readsArguments;
    }

    @Override
    public boolean readsReturn() {
        return readsReturn;
    }

    private String cased(String text) {
        Cased remembered = last;
        if (remembered.read == text) {
            return remembered.cased;
        }
        String cased = textCase.apply(text);
        last = new Cased(text, cased);
        return cased;
    }

    /** Immutable, so a racy read of {@link #last} sees a whole pair or the previous one. */
    private static final class Cased {
        final String read;
        final String cased;

        Cased(String read, String cased) {
            this.read = read;
            this.cased = cased;
        }
    }
}
