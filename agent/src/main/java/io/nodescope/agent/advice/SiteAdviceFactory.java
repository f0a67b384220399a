package io.nodescope.agent.advice;

import java.io.IOException;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.Advice.OffsetMapping;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;

/** Builds the advice for one site: its number and, only when needed, arguments and return value. */
final class SiteAdviceFactory {

    private static final TypeDescription.Generic OBJECT = TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class);
    private static final TypeDescription.Generic OBJECT_ARRAY = TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object[].class);

    private final TypeDescription advice = TypeDescription.ForLoadedType.of(SiteAdvice.class);
    /** The advice's bytes, read once rather than from the jar for every method. */
    private final ClassFileLocator locator;
    private Advice handOff;
    private Advice inject;

    SiteAdviceFactory() throws IOException {
        byte[] bytes = ClassFileLocator.ForClassLoader.read(SiteAdvice.class);
        this.locator = ClassFileLocator.Simple.of(SiteAdvice.class.getName(), bytes);
    }

    /** The same for every method, built on first use: most rule sets hand nothing off. */
    synchronized Advice handOff() {
        if (handOff == null) {
            handOff = Advice.to(HandOffAdvice.class);
        }
        return handOff;
    }

    /** The same for every method, built on first use. */
    synchronized Advice inject() {
        if (inject == null) {
            inject = Advice.to(InjectAdvice.class);
        }
        return inject;
    }

    Advice forSite(int site, boolean readsArguments, boolean readsReturn) {
        return Advice.withCustomMapping()
                .bind(SiteId.class, site)
                // ForAllArguments takes the array's component type.
                .bind(Arguments.class, readsArguments
                        ? new OffsetMapping.ForAllArguments(OBJECT, true, Assigner.Typing.DYNAMIC, false, false)
                        : nothing(OBJECT_ARRAY))
                .bind(ReturnValue.class, readsReturn
                        ? new OffsetMapping.ForReturnValue(OBJECT, true, Assigner.Typing.DYNAMIC)
                        : nothing(OBJECT))
                .to(advice, locator);
    }

    private static OffsetMapping nothing(TypeDescription.Generic type) {
        return new OffsetMapping.ForStackManipulation(NullConstant.INSTANCE, type, type, Assigner.Typing.STATIC);
    }
}
