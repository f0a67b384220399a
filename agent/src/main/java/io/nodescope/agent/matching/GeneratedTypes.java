package io.nodescope.agent.matching;

import io.nodescope.agent.sites.GeneratedClasses;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** {@link GeneratedClasses} told from ByteBuddy's description of a class, by names only: nothing is resolved. */
final class GeneratedTypes extends ElementMatcher.Junction.AbstractBase<TypeDescription> {

    static final GeneratedTypes MATCHER = new GeneratedTypes();

    private GeneratedTypes() {
    }

    static boolean isGenerated(TypeDescription type) {
        return GeneratedClasses.isGenerated(type.getName(), superName(type), interfaceNames(type));
    }

    /** The user's class behind a class: its own name unless it is generated, else the one it stands for. */
    static String userClassName(TypeDescription type) {
        return isGenerated(type) ? GeneratedClasses.userClassName(type.getName(), superName(type), interfaceNames(type)) : type.getName();
    }

    private static String superName(TypeDescription type) {
        TypeDescription.Generic superclass = type.getSuperClass();
        return superclass == null ? null : superclass.asErasure().getName();
    }

    private static List<String> interfaceNames(TypeDescription type) {
        List<String> interfaces = new ArrayList<>();
        for (TypeDescription.Generic implemented : type.getInterfaces()) {
            interfaces.add(implemented.asErasure().getName());
        }
        return interfaces;
    }

    @Override
    public boolean matches(TypeDescription type) {
        return isGenerated(type);
    }
}
