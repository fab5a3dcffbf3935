package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The build record beside a release: the source commit, the date stamped on everything, the keys, the
 * versions of every tool that made the ISO, and the SHA-256 of every file inside it.
 */
public final class BuildRecord {
    public static final String FILE = "BUILD-RECORD.txt";
    static final String FILES_HEADER = "files inside the ISO (sha256):";
    /** The line the released kernel prints on COM1 once it runs: what a boot of the release waits for. */
    static final String BANNER = "kernel-banner: ";
    /** The Debian packages whose tools or files make the ISO. */
    static final List<String> PACKAGES = List.of("grub-common", "grub-efi-amd64-bin", "grub-pc-bin", "xorriso", "mtools",
            "sbsigntool", "gnupg", "faketime", "efitools", "openssl");

    private BuildRecord() {}

    static String text(IsoBuilder.Spec spec, Path iso, Map<String, String> files, SigningKeys keys) {
        StringBuilder out = new StringBuilder("micros release build record\n");
        out.append("source-commit: ").append(sourceCommit()).append('\n');
        out.append("source-date: ").append(spec.date().instant()).append(" (SOURCE_DATE_EPOCH=").append(spec.date().epochSecond()).append(")\n");
        out.append("iso: ").append(iso.getFileName()).append(' ').append(size(iso)).append(" bytes, sha256 ").append(IsoContents.sha256(iso)).append('\n');
        out.append("db-certificate: ").append(Tools.run("openssl", "x509", "-in", keys.dbCert().toString(), "-noout", "-subject").strip())
           .append(", ").append(Tools.run("openssl", "x509", "-in", keys.dbCert().toString(), "-noout", "-fingerprint", "-sha256").strip()).append('\n');
        out.append(BANNER).append(micros.kernel.boot.LongMode.BANNER).append('\n');
        out.append("openpgp-key: ").append(OpenPgp.fingerprint(keys.gpgHome(), keys.gpgKey())).append('\n');
        out.append("java: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append('\n');
        for (String p : PACKAGES) out.append("package ").append(p).append(": ").append(Tools.packageVersion(p)).append('\n');
        out.append(FILES_HEADER).append('\n');
        files.forEach((name, hash) -> out.append(hash).append("  ").append(name).append('\n'));
        return out.toString();
    }

    /** The value of a {@code name: value} line of a record. */
    static String field(String record, String prefix) {
        return record.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new ReleaseException(FILE + ": no '" + prefix.strip() + "' line"));
    }

    /** The files section of a record, by path. */
    static Map<String, String> files(String record) {
        int at = record.indexOf(FILES_HEADER + "\n");
        if (at < 0) throw new ReleaseException(FILE + ": no '" + FILES_HEADER + "' section");
        Map<String, String> out = new TreeMap<>();
        for (String line : record.substring(at + FILES_HEADER.length() + 1).lines().toList()) {
            int sep = line.indexOf("  ");
            if (sep != 64) throw new ReleaseException(FILE + ": not a 'sha256  path' line: " + line);
            out.put(line.substring(sep + 2), line.substring(0, sep));
        }
        return out;
    }

    /** HEAD, marked when the tree has uncommitted changes outside release/ (the record then names no exact source). */
    private static String sourceCommit() {
        try {
            String head = Tools.run("git", "rev-parse", "HEAD").strip();
            List<String> status = new ArrayList<>(List.of("git", "status", "--porcelain", "--", "."));
            for (String f : ReleaseCheck.FILES) status.add(":(exclude)release/" + f);   // what this build is replacing
            status.add(":(exclude)release/" + ReleaseCheck.SUMS);
            String dirty = Tools.run(status).strip();
            return dirty.isEmpty() ? head : head + " (with uncommitted changes)";
        } catch (ReleaseException e) {
            return "unknown (not a git checkout)";
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
