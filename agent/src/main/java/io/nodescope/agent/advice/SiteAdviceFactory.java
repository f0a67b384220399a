package io.nodescope.agent.advice;

import io.nodescope.instrumentation.Kind;
import io.nodescope.instrumentation.Kinds;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.Advice.OffsetMapping;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;

/** Builds the advice for one site: its number and, only when needed, arguments and return value. */
public final class SiteAdviceFactory {

    private static final TypeDescription.Generic OBJECT = TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class);
    private static final TypeDescription.Generic OBJECT_ARRAY = TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object[].class);

    private final TypeDescription advice = TypeDescription.ForLoadedType.of(SiteAdvice.class);
    /** The advice's bytes, read once rather than from the jar for every method. */
    private final ClassFileLocator locator;
    /** The advice of each kind that changes an argument or the return value, the same for every method it selects. */
    private static final Map<Kind, Class<?>> VALUE_ADVICE = Map.of(Kinds.HANDOFF, HandOffAdvice.class, Kinds.INJECT, InjectAdvice.class,
            Kinds.LOG_CONTEXT, LogContextAdvice.class, Kinds.LOG_RECORD, LogRecordAdvice.class);

    private final Map<Kind, Advice> valueAdvice = new ConcurrentHashMap<>();

    public SiteAdviceFactory() throws IOException {
        byte[] bytes = ClassFileLocator.ForClassLoader.read(SiteAdvice.class);
        this.locator = ClassFileLocator.Simple.of(SiteAdvice.class.getName(), bytes);
    }

    /** The advice of such a kind, built on first use: most rule sets have none. */
    public Advice forValues(Kind kind) {
        return valueAdvice.computeIfAbsent(kind, key -> Advice.to(VALUE_ADVICE.get(key)));
    }

    public Advice forSite(int site, boolean readsArguments, boolean readsReturn) {
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
