package io.nodescope.agent.matching;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the candidate filter needs of a class file: its names, the text entries of its constant
 * pool and, when asked, the names of the methods it declares, read without parsing attributes.
 */
final class ClassFileHeader {

    private static final int MAGIC = 0xCAFEBABE;

    private final byte[] bytes;
    /** Offsets of the UTF-8 entries, each at its two-byte length. */
    private final int[] texts;
    private final int textCount;
    private final String name;
    private final String superName;
    private final List<String> interfaceNames;
    /** Offsets of the constant pool's entries, by index. */
    private final int[] entries;
    /** Where the fields table starts. */
    private final int members;
    /** Offsets of the text entries that name the declared methods; read on first use. */
    private int[] methodNames;

    private ClassFileHeader(byte[] bytes) {
        this.bytes = bytes;
        if (u4(0) != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        int count = u2(8);
        int[] entries = new int[count];
        int[] texts = new int[count];
        int textCount = 0;
        int at = 10;
        for (int index = 1; index < count; index++) {
            entries[index] = at;
            int tag = bytes[at] & 0xFF;
            switch (tag) {
                case 1:
                    texts[textCount++] = at + 1;
                    at += 3 + u2(at + 1);
                    break;
                case 5:
                case 6:
                    at += 9;
                    index++;
                    break;
                case 7: case 8: case 16: case 19: case 20:
                    at += 3;
                    break;
                case 15:
                    at += 4;
                    break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                    at += 5;
                    break;
                default:
                    throw new IllegalArgumentException("unknown constant pool tag " + tag);
            }
        }
        this.texts = texts;
        this.textCount = textCount;
        this.name = className(entries, u2(at + 2));
        this.superName = className(entries, u2(at + 4));
        int interfaces = u2(at + 6);
        List<String> interfaceNames = new ArrayList<>(interfaces);
        for (int i = 0; i < interfaces; i++) {
            interfaceNames.add(className(entries, u2(at + 8 + 2 * i)));
        }
        this.interfaceNames = interfaceNames;
        this.entries = entries;
        this.members = at + 8 + 2 * interfaces;
    }

    /** Throws IllegalArgumentException or IndexOutOfBoundsException for bytes that are not a class file. */
    static ClassFileHeader read(byte[] classFile) {
        return new ClassFileHeader(classFile);
    }

    /** The binary name, with dots. */
    String name() {
        return name;
    }

    /** Null for java.lang.Object and module descriptors. */
    String superName() {
        return superName;
    }

    List<String> interfaceNames() {
        return interfaceNames;
    }

    /** Whether the constant pool holds this text exactly, given in the class file's own encoding. */
    boolean hasText(byte[] encoded) {
        for (int i = 0; i < textCount; i++) {
            int length = u2(texts[i]);
            int start = texts[i] + 2;
            if (length == encoded.length && Arrays.equals(bytes, start, start + length, encoded, 0, length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the class declares a method of this name, given in the class file's own encoding: a
     * name the constant pool holds may only be a method the class calls.
     */
    boolean declaresMethod(byte[] encoded) {
        if (methodNames == null) {
            methodNames = readMethodNames();
        }
        for (int text : methodNames) {
            int length = u2(text + 1);
            if (length == encoded.length && Arrays.equals(bytes, text + 3, text + 3 + length, encoded, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private int[] readMethodNames() {
        int at = members;
        int fields = u2(at);
        at += 2;
        for (int i = 0; i < fields; i++) {
            at = skipAttributes(at + 6);
        }
        int methods = u2(at);
        at += 2;
        int[] names = new int[methods];
        for (int i = 0; i < methods; i++) {
            names[i] = entries[u2(at + 2)];
            at = skipAttributes(at + 6);
        }
        return names;
    }

    /** Past the attributes whose count is at {@code at}. */
    private int skipAttributes(int at) {
        int attributes = u2(at);
        at += 2;
        for (int i = 0; i < attributes; i++) {
            at += 6 + u4(at + 2);
        }
        return at;
    }

    /** A text in the class file's encoding (modified UTF-8), for {@link #hasText} and {@link #declaresMethod}. */
    static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(out)) {
            data.writeUTF(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] withLength = out.toByteArray();
        return Arrays.copyOfRange(withLength, 2, withLength.length);
    }

    private String className(int[] entries, int classIndex) {
        if (classIndex == 0) {
            return null;
        }
        int text = entries[u2(entries[classIndex] + 1)];
        try {
            return new DataInputStream(new ByteArrayInputStream(bytes, text + 1, 2 + u2(text + 1))).readUTF().replace('/', '.');
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed class name", e);
        }
    }

    private int u2(int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private int u4(int at) {
        return (u2(at) << 16) | u2(at + 2);
    }
}
