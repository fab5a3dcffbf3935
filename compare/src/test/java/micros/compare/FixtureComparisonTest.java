package micros.compare;

import micros.fixtures.OracleProfile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fixture kernel the fixtures module writes, and the kernel itself, booted in the bench and under QEMU
 * (TCG, a GRUB ISO): their COM1 lines and endings must agree, but for the known QEMU deviations and the lines a
 * fixture's {@link OracleProfile} calls bench-only; a fixture whose profile names a known difference must still
 * differ.
 */
class FixtureComparisonTest {
    static final Path FIXTURES = Path.of("../fixtures/target"), KERNEL = Path.of("../kernel/target/micros.elf");
    /** QEMU's bound per kernel: generous, since a loaded machine slows TCG; a kernel that ends is not waited for. */
    static final double QEMU_SECONDS = 30;
    static Oracle oracle;

    @BeforeAll
    static void oracle() { oracle = new Oracle(Path.of("target/iso-cache")); }

    static List<Path> kernels() throws IOException {
        try (Stream<Path> s = Files.list(FIXTURES)) {
            List<Path> fixtures = s.filter(FixtureComparisonTest::isMultibootKernel).sorted().toList(); // not the memory-manager programs
            return Stream.concat(fixtures.stream(), Stream.of(KERNEL)).toList();
        }
    }

    /** A file with the multiboot2 header magic, 8-byte aligned in its first 32 KiB: what GRUB boots as a kernel. */
    static boolean isMultibootKernel(Path file) {
        if (!Files.isRegularFile(file)) return false;
        try {
            byte[] head = Files.readAllBytes(file);
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head, 0, Math.min(head.length, 32768)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int at = 0; at + 4 <= b.limit(); at += 8) if (b.getInt(at) == micros.bench.machine.MultibootKernelHeader.MAGIC) return true;
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theFixturesAreThere() throws IOException {
        assertTrue(kernels().size() > 10, "the fixtures module writes its kernels to " + FIXTURES + " before these tests run");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void benchAndQemuAgree(Path kernel) {
        OracleProfile profile = OracleProfile.of(kernel.getFileName().toString());
        BootSpec spec = new BootSpec(kernel, List.of(), micros.bench.machine.CpuModel.DEFAULT, profile.maxInstructions(), QEMU_SECONDS);
        Comparison c = oracle.compare(spec, profile::benchOnly);
        String report = ComparisonReport.text(kernel.getFileName().toString(), spec, c);
        System.out.print(report);
        if (profile.knownDifference().isPresent()) {
            System.out.println("  known difference: " + profile.knownDifference().get());
            assertFalse(c.agrees(), kernel.getFileName() + " agrees with QEMU now: drop its known difference (" + profile.knownDifference().get() + ")\n" + report);
        } else {
            assertTrue(c.agrees(), report);
        }
    }
}
