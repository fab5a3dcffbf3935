package micros.compare;

import micros.bench.machine.CpuModel;
import micros.fixtures.IdleKernels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end both machines report for a kernel that writes its exit status (the bench's isa-debug-exit port,
 * QEMU's device): our whole system with {@code exit=isa-debug}, and fixtures writing the port at every width;
 * without the option the same system is judged by how it stopped, as a kernel with no such use is.
 */
class ExitStatusComparisonTest {
    static final Path KERNEL = FixtureComparisonTest.KERNEL, MEMORY_MANAGER = Path.of("../memory-manager/target/memory_manager.elf");
    static final List<BootSpec.Module> SYSTEM = List.of(new BootSpec.Module(MEMORY_MANAGER, "memory_manager"));
    static final String STATUS_LINE = "micros: exit status 0 (every process waits) to isa-debug-exit";
    static Oracle oracle;

    @BeforeAll
    static void oracle() { oracle = new Oracle(Path.of("target/iso-cache")); }

    static BootSpec spec(Path kernel, List<BootSpec.Module> modules, String cmdline) {
        return new BootSpec(kernel, modules, CpuModel.DEFAULT, 50_000_000, FixtureComparisonTest.QEMU_SECONDS, cmdline);
    }

    @Test
    void theSystemEndsWithStatusZeroInBoth() {
        BootSpec spec = spec(KERNEL, SYSTEM, BootSpec.EXIT_STATUS_CMDLINE);
        Comparison c = oracle.compare(spec);
        String report = ComparisonReport.text("micros.elf", spec, c);
        for (Run r : List.of(c.bench(), c.qemu())) {
            assertEquals(new Ending(Ending.Kind.EXIT_STATUS, 0, "every process waits"), r.ending(), report);
            assertEquals(STATUS_LINE, r.lines().getLast(), report);
        }
        assertTrue(c.differences().stream().noneMatch(d -> d instanceof Difference.Endings), report);
        assertTrue(report.contains("exit status 0 (every process waits)"), report);
    }

    @Test
    void withoutTheOptionTheSystemIsJudgedByHowItStopped() {
        BootSpec spec = spec(KERNEL, SYSTEM, "");
        Comparison c = oracle.compare(spec);
        String report = ComparisonReport.text("micros.elf", spec, c);
        for (Run r : List.of(c.bench(), c.qemu())) {
            assertEquals(Ending.Kind.IDLE, r.ending().kind(), report);
            assertEquals(Ending.NO_STATUS, r.ending().status(), report);
        }
        assertTrue(report.contains("idle") && report.contains("no exit status"), report);
    }

    @ParameterizedTest(name = "port {0}, {1} bytes, status {2}")
    @CsvSource({"0xf4, 4, 3", "0xf5, 1, 0x7f", "0xf6, 2, 0x1234"})
    void aKernelWritingThePortEndsWithItsValueInBoth(String port, int width, String status, @TempDir Path dir) throws Exception {
        long value = Long.decode(status);
        Path kernel = dir.resolve("exit-port.elf");
        IdleKernels.writeExitPort(Integer.decode(port), width, (int) value).write(kernel);
        BootSpec spec = spec(kernel, List.of(), "");
        Comparison c = oracle.compare(spec);
        String report = ComparisonReport.text(kernel.toString(), spec, c);
        assertTrue(c.agrees(), report);
        assertEquals(value, c.bench().ending().status(), report);
        assertEquals(value & Ending.COMPARED_BITS, c.qemu().ending().status(), "QEMU's exit code keeps 7 bits of it:\n" + report);
    }
}
