package micros.release;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where the release commands find the build's products and keep their own, relative to the repository root. */
final class Project {
    static final Path KERNEL = Path.of("kernel/target/micros.elf");
    /** The memory manager, the boot module the kernel starts; booted when it has been built. */
    static final Path MEMORY_MANAGER = Path.of("memory-manager/target/memory_manager.elf");
    static final String MEMORY_MANAGER_STRING = "memory_manager";
    static final Path ISO = Path.of("release/target/micros-amd64.iso");
    /** Development keys: made once per checkout, never committed (target/ is ignored). */
    static final Path DEVELOPMENT_KEYS = Path.of("target/development-keys");
    static final Path DEVELOPMENT_VARS = DEVELOPMENT_KEYS.resolve("OVMF_VARS_4M.secure-boot.fd");
    /** What ./micros release writes; the release key's private half lives outside the repository. */
    static final Path RELEASE = Path.of("release");

    private Project() {}

    static KeyPair developmentKeys() { return KeyPair.createdOnce(DEVELOPMENT_KEYS, "micros development db key"); }

    /** The kernel from --kernel or the build's. */
    static Path kernel(Cli.Args a) { return a.value("--kernel") != null ? Path.of(a.value("--kernel")) : KERNEL; }

    /** The modules from --module FILE[:STRING] (string: the file's name), else the memory manager if it is built. */
    static List<IsoBuilder.Module> modules(Cli.Args a) {
        List<IsoBuilder.Module> out = new ArrayList<>();
        for (String m : a.all("--module")) {
            int colon = m.indexOf(':');
            Path file = Path.of(colon < 0 ? m : m.substring(0, colon));
            out.add(new IsoBuilder.Module(file, colon < 0 ? file.getFileName().toString() : m.substring(colon + 1)));
        }
        if (out.isEmpty() && Files.isRegularFile(MEMORY_MANAGER)) out.add(new IsoBuilder.Module(MEMORY_MANAGER, MEMORY_MANAGER_STRING));
        return out;
    }

    /** The spec for the build's ISO: kernel, modules and the date of the checked-out commit. */
    static IsoBuilder.Spec spec(Cli.Args a) {
        return new IsoBuilder.Spec(kernel(a), modules(a), Optional.empty(), SourceDate.of(Path.of("."), System.getenv()));
    }
}
