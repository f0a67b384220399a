package io.nodescope.agent.transform;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * The number of local variable slots each method's code declares, read straight from the class
 * file's method table: the advice keeps its own locals above them, so that it never shares a slot
 * with the method and the method's code needs no renumbering. Reading the table costs a walk over
 * the member headers, not a pass over the code.
 */
final class CodeLocals {

    private CodeLocals() {
    }

    /** {@code max_locals} of each method whose {@link WovenMethod.key} is in {@code wanted}. */
    static Map<String, Integer> of(ClassReader reader, Set<String> wanted) {
        char[] buffer = new char[reader.getMaxStringLength()];
        int offset = reader.header + 6;  // access, this class, super class
        offset += 2 + 2 * reader.readUnsignedShort(offset);  // interfaces
        int fields = reader.readUnsignedShort(offset);
        offset += 2;
        for (int i = 0; i < fields; i++) {
            offset = skipAttributes(reader, offset + 6);
        }
        Map<String, Integer> locals = new HashMap<>();
        int methods = reader.readUnsignedShort(offset);
        offset += 2;
        for (int i = 0; i < methods; i++) {
            String key = WovenMethod.key(reader.readUTF8(offset + 2, buffer), reader.readUTF8(offset + 4, buffer));
            int attributes = reader.readUnsignedShort(offset + 6);
            offset += 8;
            for (int j = 0; j < attributes; j++) {
                if (wanted.contains(key) && "Code".equals(reader.readUTF8(offset, buffer))) {
                    locals.put(key, reader.readUnsignedShort(offset + 8));  // after name, length and max_stack
                }
                offset += 6 + reader.readInt(offset + 2);
            }
        }
        return locals;
    }

    private static int skipAttributes(ClassReader reader, int offset) {
        int attributes = reader.readUnsignedShort(offset);
        offset += 2;
        for (int i = 0; i < attributes; i++) {
            offset += 6 + reader.readInt(offset + 2);
        }
        return offset;
    }
}
