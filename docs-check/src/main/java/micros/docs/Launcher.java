package micros.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code ./micros} as a user would, but with {@code MICROS_NO_BUILD=1}: inside {@code ./mvnw verify}
 * the modules are built already, and a launcher that built again would recurse into Maven.
 */
public final class Launcher {
    /** How a run ended: its exit status (-1 when it was killed at the time limit) and its merged output. */
    public record Result(int exit, String output) {}

    private final Path root;
    private final Duration limit;

    public Launcher(Path root, Duration limit) {
        this.root = root;
        this.limit = limit;
    }

    public Result run(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("micros").toString());
        command.addAll(args);
        try {
            Path out = Files.createTempFile("micros-docs-check", ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                pb.environment().put("MICROS_NO_BUILD", "1");
                Process p = pb.start();
                boolean ended = p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
                if (!ended) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor();
                }
                String text = Files.readString(out, StandardCharsets.UTF_8);
                return new Result(ended ? p.exitValue() : -1, text);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Duration limit() {
        return limit;
    }
}
