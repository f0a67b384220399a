package io.nodescope.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Stand-ins for apt-get, dpkg-query and systemctl, which install.sh calls from this directory under
 * {@code --root} when {@code NODESCOPE_SYSTEM_COMMANDS} names it: apt-get and systemctl record their
 * calls, and a package counts as installed once apt-get has installed it. apt-get also records
 * whether the services' configs were in place under the root when it was called; dpkg-query lists
 * the conffiles given to {@link #packaged}.
 */
final class SystemStandIns {

    private final Path dir;
    private final Path calls;
    private final Path conffiles;

    private SystemStandIns(Path dir, Path calls, Path conffiles) {
        this.dir = dir;
        this.calls = calls;
        this.conffiles = conffiles;
    }

    static SystemStandIns in(Path dir, Path root) throws IOException {
        Path calls = dir.resolve("calls");
        Path installed = Files.createDirectories(dir.resolve("installed"));
        write(dir.resolve("apt-get"), """
                echo "apt-get $*$(if [ "$1" = install ]; then [ -f '%1$s/etc/prometheus/prometheus.yml' ] \\
                  && [ -f '%1$s/etc/default/prometheus' ] && [ -f '%1$s/etc/default/prometheus-alertmanager' ] \\
                  && echo ' (configs in place)' || echo ' (configs missing)'; fi)" >> '%2$s'
                if [ "$1" = install ]; then
                  for argument in "$@"; do
                    case "$argument" in install|-*|Dpkg::*) ;; *) touch '%3$s'/"$argument" ;; esac
                  done
                fi
                """.formatted(root, calls, installed));
        Path conffiles = Files.writeString(dir.resolve("conffiles"), "");
        write(dir.resolve("dpkg-query"), """
                # -W -f=FORMAT PACKAGE...: the status of the packages apt-get installed, or the conffiles
                case "$2" in
                  *Status*) [ -f '%s'/"$3" ] && printf 'install ok installed' ;;
                  *Conffiles*) cat '%s' ;;
                esac
                exit 0
                """.formatted(installed, conffiles));
        write(dir.resolve("systemctl"), "echo \"systemctl $*\" >> '%s'\n".formatted(calls));
        return new SystemStandIns(dir, calls, conffiles);
    }

    /** Has dpkg-query list {@code path}, with the MD5 of {@code content}, as a package's conffile. */
    void packaged(String path, byte[] content) throws IOException {
        try {
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
            Files.writeString(conffiles, " " + path + " " + md5 + "\n", StandardOpenOption.APPEND);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path dir() {
        return dir;
    }

    /** The calls recorded since the last time this was asked. */
    List<String> takeCalls() throws IOException {
        if (!Files.exists(calls)) {
            return List.of();
        }
        List<String> recorded = Files.readAllLines(calls);
        Files.delete(calls);
        return recorded;
    }

    private static void write(Path script, String body) throws IOException {
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
