package io.nodescope.agent.config;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a file the config names (the config itself, a rules file, a password or a certificate)
 * without ever reading more than {@link ConfigLoader#MAX_FILE_BYTES}: only regular files are
 * opened (never a device such as {@code /dev/zero}, a pipe that may never end, or a directory),
 * and a file larger than the limit is refused before it is read.
 */
final class ConfigFile {

    /** Why a file cannot be used; at a line and column of the file when {@link #line()} is above 0. */
    static final class Unusable extends Exception {

        private static final long serialVersionUID = 1L;

        private final int line;
        private final int column;

        Unusable(String message) {
            this(message, 0, 0);
        }

        Unusable(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }

        int line() {
            return line;
        }

        int column() {
            return column;
        }
    }

    private ConfigFile() {
    }

    /** The file's bytes; the message of the failure says what the file is instead ("is a directory"). */
    static byte[] readBytes(Path file) throws Unusable {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Unusable("no such file");
        } catch (AccessDeniedException e) {
            throw new Unusable("permission denied");
        } catch (IOException | SecurityException e) {
            throw new Unusable("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (attributes.isDirectory()) {
            throw new Unusable("is a directory; name a .toml file");
        }
        if (!attributes.isRegularFile()) {
            throw new Unusable("is not a regular file (a device, a pipe or a socket), so it is not read");
        }
        if (attributes.size() > ConfigLoader.MAX_FILE_BYTES) {
            throw new Unusable(tooLarge());
        }
        // java.io, which the JVM has loaded before any agent, rather than a channel: opening one loads some
        // 30 classes of the JDK's, a few milliseconds of every start, the disabled agent's included.
        try (InputStream in = new FileInputStream(file.toFile())) {
            byte[] bytes = in.readNBytes(ConfigLoader.MAX_FILE_BYTES + 1);
            if (bytes.length > ConfigLoader.MAX_FILE_BYTES) {
                throw new Unusable(tooLarge());
            }
            return bytes;
        } catch (FileNotFoundException e) {
            throw new Unusable(Files.exists(file) ? "permission denied" : "no such file");  // its attributes were just read
        } catch (IOException | SecurityException e) {
            throw new Unusable("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The file as UTF-8 text; text that is not UTF-8 fails at the line and column of the first bad byte. */
    static String readText(Path file) throws Unusable {
        return decode(readBytes(file));
    }

    private static String decode(byte[] bytes) throws Unusable {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < out.position(); i++) {
                if (out.get(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new Unusable("not UTF-8 text from byte " + (bad + 1) + " on (save the file as UTF-8)", line, out.position() - lineStart + 1);
        }
        out.flip();
        return out.toString();
    }

    private static String tooLarge() {
        return "is larger than " + (ConfigLoader.MAX_FILE_BYTES >> 20) + " MiB, the limit for a file the config reads";
    }
}
