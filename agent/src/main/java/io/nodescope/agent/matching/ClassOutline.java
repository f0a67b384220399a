package io.nodescope.agent.matching;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the agent reads of a class file, in place of a full parse: its access flags, names and the
 * text entries of its constant pool for every class (the candidate filter), and on demand the
 * methods it declares and the annotations on the class and its methods (the rules' matching). The
 * types it names are names only, never looked up: as for the JVM, a type a method names need not
 * exist until it is used.
 */
public final class ClassOutline {

    private static final int MAGIC = 0xCAFEBABE;
    private static final int ACC_FINAL = 0x0010;
    private static final int ACC_SYNTHETIC = 0x1000;

    private final byte[] bytes;
    /** Offsets of the constant pool's entries, by index. */
    private final int[] entries;
    /** Where the access flags, names and interfaces follow the constant pool. */
    private final int header;
    /** Where the fields table starts. */
    private final int members;
    /** Read on first use: a class the filter rules out by its method names is never named. */
    private String name;
    private String superName;
    private List<String> interfaceNames;
    /** Where each declared method starts in the methods table, and where the table ends; read on first use. */
    private int[] methodStarts;
    private int afterMethods;
    /** Read on first use, with the class's annotations. */
    private List<MethodOutline> methods;
    private List<String> annotations;

    private ClassOutline(byte[] bytes) {
        this.bytes = bytes;
        if (u4(0) != MAGIC) {
            throw new IllegalArgumentException("not a class file");
        }
        this.entries = new int[u2(8)];
        this.header = scan(bytes, entries);
        this.members = header + 8 + 2 * u2(header + 6);
    }

    /**
     * Notes where each constant pool entry starts and returns where the pool ends. It runs for
     * every class the JVM loads, so it is kept to a tight loop that the JIT compiles quickly.
     */
    private static int scan(byte[] bytes, int[] entries) {
        int at = 10;
        for (int index = 1; index < entries.length; index++) {
            entries[index] = at;
            switch (bytes[at]) {
                case 1:
                    at += 3 + (((bytes[at + 1] & 0xFF) << 8) | (bytes[at + 2] & 0xFF));
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
                    throw unknownTag(bytes[at]);
            }
        }
        return at;
    }

    private static IllegalArgumentException unknownTag(byte tag) {
        return new IllegalArgumentException("unknown constant pool tag " + (tag & 0xFF));
    }

    /** Throws IllegalArgumentException or IndexOutOfBoundsException for bytes that are not a class file. */
    public static ClassOutline read(byte[] classFile) {
        return new ClassOutline(classFile);
    }

    /** The binary name, with dots. */
    public String name() {
        if (name == null) {
            name = className(u2(header + 2));
        }
        return name;
    }

    /** Null for java.lang.Object and module descriptors. */
    public String superName() {
        if (superName == null && u2(header + 4) != 0) {
            superName = className(u2(header + 4));
        }
        return superName;
    }

    public List<String> interfaceNames() {
        if (interfaceNames == null) {
            int count = u2(header + 6);
            List<String> names = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                names.add(className(u2(header + 8 + 2 * i)));
            }
            interfaceNames = names;
        }
        return interfaceNames;
    }

    public boolean isFinal() {
        return (u2(header) & ACC_FINAL) != 0;
    }

    public boolean isSynthetic() {
        return (u2(header) & ACC_SYNTHETIC) != 0;
    }

    /** The methods the class declares, constructors and the class initializer included, in the class file's order. */
    public List<MethodOutline> methods() {
        if (methods == null) {
            readMembers();
        }
        return methods;
    }

    /** The annotations on the class, visible at runtime or not, by binary name. */
    List<String> annotations() {
        if (methods == null) {
            readMembers();
        }
        return annotations;
    }

    /** Whether the constant pool holds this text exactly, given in the class file's own encoding. */
    boolean hasText(byte[] encoded) {
        for (int i = 1; i < entries.length; i++) {
            int entry = entries[i];
            if (bytes[entry] == 1 && u2(entry + 1) == encoded.length
                    && Arrays.equals(bytes, entry + 3, entry + 3 + encoded.length, encoded, 0, encoded.length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the class declares a method of this name ({@code exact}) or whose name starts with it,
     * given in the class file's own encoding: a name the constant pool holds may only be a method
     * the class calls.
     */
    boolean declaresMethod(byte[] encoded, boolean exact) {
        for (int start : methodStarts()) {
            if (isNamed(start, encoded, exact)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the class declares a method with code of its own that is no constructor or class
     * initializer: the only methods a rule selects. Reads the flags and the name's first byte only.
     */
    boolean declaresSelectableMethod() {
        for (int start : methodStarts()) {
            if ((u2(start) & MethodOutline.PLUMBING) == 0 && bytes[entries[u2(start + 2)] + 3] != '<') {
                return true;
            }
        }
        return false;
    }

    /**
     * The methods the class declares of this name ({@code exact}) or whose name starts with it,
     * given in the class file's own encoding; the others are not read.
     */
    List<MethodOutline> methodsNamed(byte[] encoded, boolean exact) {
        List<MethodOutline> named = new ArrayList<>(1);
        for (int start : methodStarts()) {
            if (isNamed(start, encoded, exact)) {
                named.add(readMethod(start));
            }
        }
        return named;
    }

    private boolean isNamed(int method, byte[] encoded, boolean exact) {
        int text = entries[u2(method + 2)];
        int length = u2(text + 1);
        return (exact ? length == encoded.length : length >= encoded.length)
                && Arrays.equals(bytes, text + 3, text + 3 + encoded.length, encoded, 0, encoded.length);
    }

    /** Where the methods table starts: past the fields and their attributes. */
    private int methodsTable() {
        int at = members;
        int fields = u2(at);
        at += 2;
        for (int i = 0; i < fields; i++) {
            at = skipAttributes(at + 6);
        }
        return at;
    }

    private int[] methodStarts() {
        if (methodStarts == null) {
            int at = methodsTable();
            int[] starts = new int[u2(at)];
            at += 2;
            for (int i = 0; i < starts.length; i++) {
                starts[i] = at;
                at = skipAttributes(at + 6);
            }
            afterMethods = at;
            methodStarts = starts;
        }
        return methodStarts;
    }

    private MethodOutline readMethod(int at) {
        List<String> methodAnnotations = new ArrayList<>(0);
        readAnnotations(at + 6, methodAnnotations);
        return new MethodOutline(u2(at), text(u2(at + 2)), text(u2(at + 4)), methodAnnotations);
    }

    private void readMembers() {
        int[] starts = methodStarts();
        List<MethodOutline> declared = new ArrayList<>(starts.length);
        for (int start : starts) {
            declared.add(readMethod(start));
        }
        List<String> classAnnotations = new ArrayList<>(0);
        readAnnotations(afterMethods, classAnnotations);
        annotations = classAnnotations;
        methods = declared;
    }

    /**
     * Adds the binary names of the annotations in the attributes whose count is at {@code at}
     * (visible and invisible at runtime, as a rule names them either way); returns where they end.
     */
    private int readAnnotations(int at, List<String> names) {
        int attributes = u2(at);
        at += 2;
        for (int i = 0; i < attributes; i++) {
            String attribute = text(u2(at));
            int length = u4(at + 2);
            if (attribute.equals("RuntimeVisibleAnnotations") || attribute.equals("RuntimeInvisibleAnnotations")) {
                int annotation = at + 8;
                for (int n = u2(at + 6); n > 0; n--) {
                    String descriptor = text(u2(annotation));
                    names.add(descriptor.substring(1, descriptor.length() - 1).replace('/', '.'));
                    annotation = skipAnnotationBody(annotation + 2);
                }
            }
            at += 6 + length;
        }
        return at;
    }

    /** Past an annotation's element-value pairs, whose count is at {@code at}. */
    private int skipAnnotationBody(int at) {
        int pairs = u2(at);
        at += 2;
        for (int i = 0; i < pairs; i++) {
            at = skipElementValue(at + 2);
        }
        return at;
    }

    private int skipElementValue(int at) {
        char tag = (char) bytes[at];
        switch (tag) {
            case 'e':
                return at + 5;
            case '@':
                return skipAnnotationBody(at + 3);
            case '[':
                int values = u2(at + 1);
                at += 3;
                for (int i = 0; i < values; i++) {
                    at = skipElementValue(at);
                }
                return at;
            default:
                return at + 3;  // a constant or a class: one index
        }
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

    private String className(int classIndex) {
        return text(u2(entries[classIndex] + 1)).replace('/', '.');
    }

    /** The UTF-8 entry at this index of the constant pool. */
    private String text(int index) {
        int text = entries[index];
        int length = u2(text + 1);
        for (int i = text + 3; i < text + 3 + length; i++) {
            if (bytes[i] <= 0) {
                try {
                    return new DataInputStream(new ByteArrayInputStream(bytes, text + 1, 2 + length)).readUTF();
                } catch (IOException e) {
                    throw new IllegalArgumentException("malformed text in the constant pool", e);
                }
            }
        }
        return new String(bytes, text + 3, length, StandardCharsets.ISO_8859_1);  // ASCII, most names
    }

    private int u2(int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }

    private int u4(int at) {
        return (u2(at) << 16) | u2(at + 2);
    }
}
