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
        TypeDescription.Generic superclass = type.getSuperClass();
        List<String> interfaces = new ArrayList<>();
        for (TypeDescription.Generic implemented : type.getInterfaces()) {
            interfaces.add(implemented.asErasure().getName());
        }
        return GeneratedClasses.isGenerated(type.getName(), superclass == null ? null : superclass.asErasure().getName(), interfaces);
    }

    @Override
    public boolean matches(TypeDescription type) {
        return isGenerated(type);
    }
}
