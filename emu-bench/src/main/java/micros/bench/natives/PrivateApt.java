package micros.bench.natives;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * apt with a configuration of the project's own: its sources list, package lists and download cache live
 * under {@code dir}; the host's sources, lists and cache are neither read nor written (its apt.conf, proxy
 * settings and trusted keyrings do apply). Needs no root.
 */
final class PrivateApt {
    private final Path dir;
    private final List<String> options;

    PrivateApt(Path dir, String sources) {
        this.dir = dir;
        try {
            Files.createDirectories(dir.resolve("sources"));
            Files.createDirectories(dir.resolve("lists/partial"));
            Files.createDirectories(dir.resolve("cache/archives/partial"));
            Files.writeString(dir.resolve("sources/micros.sources"), sources);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
        options = List.of(
                "-o", "Dir::Etc::sourcelist=/dev/null",
                "-o", "Dir::Etc::sourceparts=" + dir.resolve("sources"),
                "-o", "Dir::State::Lists=" + dir.resolve("lists"),
                "-o", "Dir::Cache=" + dir.resolve("cache"),
                "-o", "APT::Get::List-Cleanup=0",
                // apt's download sandbox user cannot enter a private cache under a home directory.
                "-o", "APT::Sandbox::User=" + System.getProperty("user.name"));
    }

    void update() { run(List.of("apt-get", "-q", "update"), dir); }

    /** The versions of {@code pkg} that {@code suite} offers for amd64 (apt-cache madison). */
    List<DebianVersion> versions(String pkg, String suite) {
        List<DebianVersion> out = new ArrayList<>();
        for (String line : run(List.of("apt-cache", "madison", pkg), dir).split("\n")) {
            String[] f = line.split("\\|");
            if (f.length < 3 || !f[0].strip().equals(pkg)) continue;
            String[] where = f[2].strip().split("\\s+");
            if (where.length >= 3 && where[1].equals(suite + "/main") && where[2].equals("amd64")) out.add(DebianVersion.parse(f[1]));
        }
        return out;
    }

    /** The SHA-256 the (signed) package index gives for {@code pkg} at {@code version}. */
    String indexSha256(String pkg, DebianVersion version) {
        String arch = null;
        for (String line : run(List.of("apt-cache", "show", pkg + "=" + version), dir).split("\n")) {
            if (line.startsWith("Architecture: ")) arch = line.substring(14).strip();
            if (line.startsWith("SHA256: ") && "amd64".equals(arch)) return line.substring(8).strip();
        }
        throw new IllegalStateException(pkg + " " + version + ": the package index gives no SHA-256 for amd64");
    }

    /** Downloads the .deb into {@code into} and returns it. */
    Path download(String pkg, DebianVersion version, Path into) {
        run(List.of("apt-get", "-q", "download", pkg + "=" + version), into);
        String file = pkg + "_" + version.toString().replace(":", "%3a") + "_amd64.deb";
        Path deb = into.resolve(file);
        if (!Files.isRegularFile(deb)) throw new IllegalStateException("apt-get download " + pkg + "=" + version + " left no " + deb);
        return deb;
    }

    private String run(List<String> command, Path workDir) {
        List<String> full = new ArrayList<>(command.subList(0, command.size() - 1));
        full.addAll(options);
        full.add(command.getLast());
        return Processes.run(String.join(" ", command), full, workDir, Map.of("LC_ALL", "C"));
    }
}
