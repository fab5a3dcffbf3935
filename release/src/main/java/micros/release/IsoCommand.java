package micros.release;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code ./micros iso}: prints the path of the ISO, building it if the kernel is newer. */
public final class IsoCommand {
    public static final Path KERNEL = Path.of("kernel/target/micros.elf");
    public static final Path ISO = Path.of("release/target/micros-amd64.iso");

    public static void main(String[] args) throws Exception {
        try {
            System.out.println(ensureIso().toAbsolutePath());
        } catch (ReleaseException e) {
            System.err.println("micros iso: " + e.getMessage());
            System.exit(1);
        }
    }

    static Path ensureIso() throws java.io.IOException {
        if (!Files.exists(ISO) || Files.getLastModifiedTime(ISO).compareTo(Files.getLastModifiedTime(KERNEL)) < 0)
            IsoBuilder.build(KERNEL, java.util.List.of(), ISO);
        return ISO;
    }
}
