package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Running the external tools a release needs, with bounded time and one-line failures. */
final class Tools {
    private Tools() {}

    static void require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
            if (Files.isExecutable(Path.of(dir, tool))) return;
        throw new ReleaseException(tool + ": not found (install the Debian package " + debianPackage + ", or run ./micros setup)");
    }

    static String run(List<String> cmd, long timeout, TimeUnit unit) { return run(cmd, Map.of(), timeout, unit); }

    /** Runs {@code cmd} with {@code env} added to this process's environment; returns stdout and stderr. */
    static String run(List<String> cmd, Map<String, String> env, long timeout, TimeUnit unit) {
        try {
            Path log = Files.createTempFile("micros-tool", ".log");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(timeout, unit)) {
                    p.destroyForcibly().waitFor();
                    throw new ReleaseException(cmd.getFirst() + ": did not finish within " + timeout + " " + unit.toString().toLowerCase());
                }
                String out = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (p.exitValue() != 0) {
                    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
                    throw new ReleaseException(cmd.getFirst() + ": exit status " + p.exitValue() + ": " + last);
                }
                return out;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(cmd.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseException(cmd.getFirst() + ": interrupted");
        }
    }

    /** A build step's tool run: two minutes is generous for any of them. */
    static String run(List<String> cmd) { return run(cmd, Map.of(), 120, TimeUnit.SECONDS); }

    static String run(List<String> cmd, Map<String, String> env) { return run(cmd, env, 120, TimeUnit.SECONDS); }

    static String run(String... cmd) { return run(List.of(cmd)); }

    /** The installed version of a Debian package, for the build record and the third-party notice. */
    static String packageVersion(String debianPackage) {
        try {
            return run("dpkg-query", "-W", "-f=${Version}", debianPackage).strip();
        } catch (ReleaseException e) {
            throw new ReleaseException(debianPackage + ": Debian package not installed (run ./micros setup)");
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
