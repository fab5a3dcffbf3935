package micros.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What the release tests share: their keys (made once per checkout), a fixture module, and ISOs built from them. */
final class TestIsos {
    static final Path DIR = Path.of("target/test-isos");
    static final Path KERNEL = Path.of("../kernel/target/micros.elf");
    static final String BANNER = micros.kernel.boot.LongMode.BANNER;
    /** What the kernel prints last once the memory manager has drawn its screen and waits: the end of a good boot. */
    static final String IDLE = micros.kernel.Idle.LINE;
    static final SourceDate DATE = new SourceDate(SourceDate.FALLBACK);

    private TestIsos() {}

    /** The keys the tests sign with and enroll, and a second pair that nothing trusts. */
    static synchronized KeyPair own() { return KeyPair.createdOnce(Path.of("target/test-keys/own"), "micros test db key"); }

    static synchronized KeyPair other() { return KeyPair.createdOnce(Path.of("target/test-keys/other"), "micros untrusted test key"); }

    /** The memory manager as the build leaves it: the boot module every test ISO carries. */
    static Path module() { return Path.of("../memory-manager/target/memory_manager.elf"); }

    static IsoBuilder.Spec spec() {
        return new IsoBuilder.Spec(KERNEL, List.of(new IsoBuilder.Module(module(), "memory_manager")), Optional.of(own().signingKeys()), DATE);
    }

    static Path build(String name, IsoBuilder.Spec spec, Consumer<Path> tamper) {
        try {
            return IsoBuilder.build(spec, Files.createDirectories(DIR).resolve(name + ".iso"), tamper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path ownVars;

    /** The variable store with {@link #own()}'s certificate enrolled, made once per run (the keys may be new). */
    static synchronized Path ownVars() {
        if (ownVars == null) ownVars = SecureBootVars.make(own().dbCert(), DIR.resolve("OVMF_VARS_4M.own.fd"));
        return ownVars;
    }

    /** Flips the lowest bit of the byte at {@code offset} (negative: from the end) of {@code file}. */
    static void flip(Path file, long offset) {
        try {
            byte[] b = Files.readAllBytes(file);
            int at = (int) (offset < 0 ? b.length + offset : offset);
            b[at] ^= 1;
            Files.write(file, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
