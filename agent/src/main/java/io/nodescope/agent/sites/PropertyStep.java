package io.nodescope.agent.sites;

import io.nodescope.agent.AgentLog;
import io.nodescope.agent.config.ValueExpression.Step;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * One step of a value path, resolved once per runtime class into a cached method handle:
 * {@code name()} is a no-argument method; {@code name} is an accessor or record component
 * {@code name()}, a getter {@code getName()} or {@code isName()}, or a field, in that order.
 * A step that cannot be resolved reads as null and is reported once per class.
 */
final class PropertyStep {

    private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
    private static final MethodHandle ABSENT = MethodHandles.dropArguments(MethodHandles.constant(Object.class, null), 0, Object.class);

    private final Step step;
    private final String context;
    /** The last class read and its getter; saves the class-value lookup on every call. Racy on purpose: any value is right. */
    private Resolved last;
    private final ClassValue<MethodHandle> handles = new ClassValue<MethodHandle>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return resolve(type);
        }
    };

    /** {@code context} names the rule and expression in messages. */
    PropertyStep(Step step, String context) {
        this.step = step;
        this.context = context;
    }

    Object read(Object target) throws Throwable {
        Class<?> type = target.getClass();
        Resolved seen = last;
        if (seen == null || seen.type != type) {
            seen = new Resolved(type, handles.get(type));
            last = seen;
        }
        return (Object) seen.handle.invokeExact(target);
    }

    /** A class and its getter, published together: a step nearly always meets one class. */
    private static final class Resolved {
        final Class<?> type;
        final MethodHandle handle;

        Resolved(Class<?> type, MethodHandle handle) {
            this.type = type;
            this.handle = handle;
        }
    }

    private MethodHandle resolve(Class<?> type) {
        for (String name : candidateMethods()) {
            Method method = findMethod(type, name);
            if (method != null) {
                try {
                    return MethodHandles.lookup().unreflect(method).asType(GETTER);
                } catch (IllegalAccessException e) {
                    // try the next candidate
                }
            }
        }
        if (!step.isCall()) {
            Field field = findField(type, step.name());
            if (field != null) {
                try {
                    return MethodHandles.lookup().unreflectGetter(field).asType(GETTER);
                } catch (IllegalAccessException e) {
                    // reported below
                }
            }
        }
        AgentLog.warnLimited("path:" + context + ":" + type.getName(), context + ": " + type.getName() + " has no accessible "
                + (step.isCall() ? "method " + step : "accessor, getter or field '" + step.name() + "'") + "; the value is left out");
        return ABSENT;
    }

    private List<String> candidateMethods() {
        List<String> names = new ArrayList<>();
        names.add(step.name());
        if (!step.isCall()) {
            String capitalized = Character.toUpperCase(step.name().charAt(0)) + step.name().substring(1);
            names.add("get" + capitalized);
            names.add("is" + capitalized);
        }
        return names;
    }

    /** A no-argument, non-void, non-static method the agent may call, searched up the hierarchy. */
    private static Method findMethod(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            Method method = declaredGetter(current, name);
            if (method != null && usable(method)) {
                return method;
            }
        }
        // A public interface or superclass declaring the method reaches classes the agent cannot open.
        return publicDeclaration(type, name);
    }

    private static Method publicDeclaration(Class<?> type, String name) {
        Deque<Class<?>> candidates = new ArrayDeque<>();
        candidates.add(type);
        while (!candidates.isEmpty()) {
            Class<?> candidate = candidates.poll();
            if (Modifier.isPublic(candidate.getModifiers()) && candidate.getModule().isExported(candidate.getPackageName())) {
                try {
                    Method method = candidate.getMethod(name);
                    if (method.getReturnType() != void.class && !Modifier.isStatic(method.getModifiers())) {
                        return method;
                    }
                } catch (NoSuchMethodException e) {
                    // look further up
                }
            }
            if (candidate.getSuperclass() != null) {
                candidates.add(candidate.getSuperclass());
            }
            candidates.addAll(List.of(candidate.getInterfaces()));
        }
        return null;
    }

    private static Method declaredGetter(Class<?> type, String name) {
        try {
            Method method = type.getDeclaredMethod(name);
            return method.getReturnType() == void.class || Modifier.isStatic(method.getModifiers()) ? null : method;
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    private static boolean usable(Method method) {
        try {
            return method.trySetAccessible();
        } catch (SecurityException e) {
            return false;
        }
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            try {
                Field field = current.getDeclaredField(name);
                if (!Modifier.isStatic(field.getModifiers()) && field.trySetAccessible()) {
                    return field;
                }
            } catch (NoSuchFieldException | SecurityException e) {
                // look in the superclass
            }
        }
        return null;
    }
}
