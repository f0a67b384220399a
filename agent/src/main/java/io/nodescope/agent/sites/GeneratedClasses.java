package io.nodescope.agent.sites;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Classes a framework generates around the node's own: JDK dynamic proxies, CGLIB, ByteBuddy,
 * Hibernate and Javassist subclasses, Mockito mocks, lambdas. Their calls reach the user's class,
 * so rules leave them alone and {@code $class} names the user's class behind them.
 *
 * <p>Recognised from what a class file states, so that the transformer can tell before it describes
 * the class: the superclass of every JDK proxy, the marker interfaces the generators implement, and
 * the name parts they put in the names they give.
 */
public final class GeneratedClasses {

    /** The superclass of every JDK dynamic proxy. */
    private static final String JDK_PROXY = "java.lang.reflect.Proxy";

    /** Interfaces that only generated classes implement. */
    private static final Set<String> MARKERS = Set.of(
            "org.springframework.cglib.proxy.Factory",
            "net.sf.cglib.proxy.Factory",
            "org.springframework.aop.SpringProxy",
            "org.hibernate.proxy.HibernateProxy",
            "org.hibernate.proxy.ProxyConfiguration",
            "javassist.util.proxy.ProxyObject",
            "javassist.util.proxy.Proxy",
            "org.jboss.weld.bean.proxy.ProxyObject",
            "org.mockito.internal.creation.bytebuddy.MockAccess");

    /** Interfaces a proxy adds next to the user's, which never name what it stands for. */
    private static final Set<String> PLUMBING = Set.of(
            "org.springframework.aop.framework.Advised",
            "org.springframework.core.DecoratingProxy");

    /** Lambdas are named after the class that declares them: {@code Outer$$Lambda$14/0x0000...}. */
    private static final String LAMBDA = "$$Lambda";

    /** Name parts the generators put in the names they give (CGLIB, ByteBuddy, Hibernate, Javassist and Weld, Mockito, lambdas). */
    private static final List<String> NAME_PARTS = List.of(
            "$$SpringCGLIB$$", "$$EnhancerBySpringCGLIB$$", "$$EnhancerByCGLIB$$", "$$FastClassBy",
            "$ByteBuddy$", "$HibernateProxy$", "_$$_", "$MockitoMock$", LAMBDA);

    private GeneratedClasses() {
    }

    /** Whether a class with this binary name, superclass (null for none) and interfaces is generated. */
    public static boolean isGenerated(String name, String superName, List<String> interfaceNames) {
        if (JDK_PROXY.equals(superName)) {
            return true;
        }
        for (String implemented : interfaceNames) {
            if (MARKERS.contains(implemented)) {
                return true;
            }
        }
        for (String part : NAME_PARTS) {
            if (name.contains(part)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isGenerated(Class<?> type) {
        Class<?> superclass = type.getSuperclass();
        return isGenerated(type.getName(), superclass == null ? null : superclass.getName(), names(type.getInterfaces()));
    }

    /**
     * The binary name of the user's class a class stands for: the class itself when it is not
     * generated; for a lambda, the class that declares it; for a subclass (CGLIB, ByteBuddy,
     * Hibernate), its first superclass that is not generated; for a class generated over interfaces
     * (a JDK proxy), the first interface that is neither a marker nor plumbing.
     */
    static String userClassName(Class<?> type) {
        Class<?> current = type;
        while (isGenerated(current)) {
            Class<?> superclass = current.getSuperclass();
            String user = userClassName(current.getName(), superclass == null ? null : superclass.getName(), names(current.getInterfaces()));
            if (superclass == null || !user.equals(superclass.getName())) {
                return user;
            }
            current = superclass;  // which may be generated too
        }
        return current.getName();
    }

    /**
     * The same, one step up from a generated class's names: its superclass, or the interface it
     * proxies; the declaring class for a lambda; its own name when none of these can be told.
     */
    public static String userClassName(String name, String superName, List<String> interfaceNames) {
        int lambda = name.indexOf(LAMBDA);
        if (lambda > 0) {
            return name.substring(0, lambda);
        }
        if (superName != null && !superName.equals("java.lang.Object") && !superName.equals(JDK_PROXY)) {
            return superName;
        }
        for (String implemented : interfaceNames) {
            if (!MARKERS.contains(implemented) && !PLUMBING.contains(implemented)) {
                return implemented;
            }
        }
        return name;
    }

    private static List<String> names(Class<?>[] types) {
        List<String> names = new ArrayList<>(types.length);
        for (Class<?> type : types) {
            names.add(type.getName());
        }
        return names;
    }
}
