package io.nodescope.agent.sites;

import java.lang.ref.WeakReference;

/**
 * {@code $class} of a method whose {@code this} may be of a subclass: the simple name of the user's
 * class behind the runtime class. The name is found once per class; a site remembers the last class
 * it saw, so that a call on the same class as the one before costs a comparison, and returns the same
 * String object each time, which the subject's series cache recognises without a map lookup.
 */
final class RuntimeClassName {

    private static final ClassValue<Named> NAMES = new ClassValue<>() {
        @Override
        protected Named computeValue(Class<?> type) {
            return new Named(type, MethodShape.simpleName(GeneratedClasses.userClassName(type)));
        }
    };

    /** The declaring class's name, for a call with no {@code this} to look at. */
    private final String declared;
    /** The class of the last call; racy on purpose, as any entry it holds is right for its class. */
    private Named last;

    RuntimeClassName(String declared) {
        this.declared = declared;
    }

    String of(Object self) {
        if (self == null) {
            return declared;
        }
        Class<?> type = self.getClass();
        Named recent = last;
        if (recent == null || recent.type.get() != type) {
            recent = NAMES.get(type);
            last = recent;
        }
        return recent.name;
    }

    /** A class and its name; the class held weakly, so that a site never keeps a class loader the node let go. */
    private static final class Named {
        final WeakReference<Class<?>> type;
        final String name;

        Named(Class<?> type, String name) {
            this.type = new WeakReference<>(type);
            this.name = name;
        }
    }
}
