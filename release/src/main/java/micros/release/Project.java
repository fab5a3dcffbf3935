package micros.release;

import java.nio.file.Path;

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
}
