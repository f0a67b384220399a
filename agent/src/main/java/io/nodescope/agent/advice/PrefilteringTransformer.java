package io.nodescope.agent.advice;

import io.nodescope.agent.matching.CandidateFilter;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;

/**
 * Hands ByteBuddy only the classes some rule might select; every other class loads untouched
 * without ever being described.
 */
final class PrefilteringTransformer extends ResettableClassFileTransformer.WithDelegation {

    private final CandidateFilter filter;

    PrefilteringTransformer(ResettableClassFileTransformer transformer, CandidateFilter filter) {
        super(transformer);
        this.filter = filter;
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] classFile)
            throws IllegalClassFormatException {
        return filter.mayMatch(loader, classFile) ? classFileTransformer.transform(loader, internalName, redefined, domain, classFile) : null;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) throws IllegalClassFormatException {
        return filter.mayMatch(loader, classFile)
                ? classFileTransformer.transform(module, loader, internalName, redefined, domain, classFile) : null;
    }
}
