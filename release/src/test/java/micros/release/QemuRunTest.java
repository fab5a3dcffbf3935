package micros.release;

import micros.bench.machine.BootModule;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.kernel.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./micros qemu}'s runs in real QEMU (TCG): kernel and memory manager end by themselves with status 0
 * under BIOS and UEFI; a memory manager that faults gives the status the bench gives for the same ISO's
 * kernel and command line; one that spins runs into the time limit.
 */
class QemuRunTest {
    static final long TIMEOUT = 180;
    static final Path FIXTURES = Path.of("../fixtures/target");

    static Path iso(String name, Path module) {
        IsoBuilder.Spec spec = IsoBuilder.Spec.plain(TestIsos.KERNEL, List.of(new IsoBuilder.Module(module, "memory_manager"))).withCmdline(QemuRun.CMDLINE);
        return IsoCache.iso(spec, TestIsos.DIR.resolve("qemu-run-" + name));
    }

    static QemuRun.Result run(Path iso, Qemu.Setup setup, long timeout) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QemuRun.Result r = QemuRun.run(iso, setup, timeout, null, out);
        assertEquals(r.serial(), out.toString(StandardCharsets.ISO_8859_1), "COM1 is copied out as it comes, all of it");
        System.out.printf("qemu %s: %s%n", setup.firmware(), r.describe(timeout));
        return r;
    }

    @ParameterizedTest
    @EnumSource(value = Qemu.Firmware.class, names = {"BIOS", "UEFI"})
    void kernelAndMemoryManagerEndByThemselvesWithStatusZero(Qemu.Firmware firmware) throws Exception {
        Qemu.Setup setup = firmware == Qemu.Firmware.BIOS ? Qemu.Setup.bios() : Qemu.Setup.uefi();
        QemuRun.Result r = run(iso("mm", TestIsos.module()), setup, TIMEOUT);
        assertEquals(QemuRun.Ending.STATUS, r.ending(), r.describe(TIMEOUT) + "\n" + r.serial());
        assertEquals(ExitStatus.IDLE, r.status(), r.serial());
        assertEquals(1, r.qemuExit(), "QEMU's own exit code is (0 << 1) | 1");
        assertEquals("every process waits", r.meaning());
        assertTrue(r.ok());
        assertTrue(r.serial().contains(micros.kernel.Idle.LINE), r.serial());
    }

    /** The same kernel ends the same way in QEMU and in the bench. */
    @Test
    void aFaultingMemoryManagerGivesTheBenchsStatus() throws Exception {
        Path mm = FIXTURES.resolve("mm-write-kernel.elf");
        QemuRun.Result r = run(iso("fault", mm), Qemu.Setup.bios(), TIMEOUT);
        MachineConfig config = MachineConfig.defaults().withCmdline(QemuRun.CMDLINE)
                .withModules(List.of(new BootModule(mm.toString(), Files.readAllBytes(mm), "memory_manager")));
        StopReason bench;
        try (Machine m = Machine.boot(TestIsos.KERNEL.toString(), Files.readAllBytes(TestIsos.KERNEL), config)) {
            bench = m.run(50_000_000);
        }
        StopReason.DebugExit exit = assertInstanceOf(StopReason.DebugExit.class, bench, bench::toString);
        assertEquals(ExitStatus.PROCESS_FAULT, exit.status());
        assertEquals(QemuRun.Ending.STATUS, r.ending(), r.describe(TIMEOUT) + "\n" + r.serial());
        assertEquals(exit.status(), r.status(), r.serial());
        assertEquals((exit.status() << 1) | 1, r.qemuExit());
        assertEquals("process fault", r.meaning());
        assertFalse(r.ok());
    }

    @Test
    void aMemoryManagerThatSpinsRunsIntoTheTimeLimit() throws Exception {
        long limit = 10;
        QemuRun.Result r = run(iso("spin", FIXTURES.resolve("mm-spin.elf")), Qemu.Setup.bios(), limit);
        assertEquals(QemuRun.Ending.TIMEOUT, r.ending(), r.serial());
        assertEquals("timed out after 10 s", r.describe(limit));
        assertTrue(r.seconds() >= limit && r.seconds() < limit + 5, r.seconds() + " s");
        assertTrue(r.serial().contains("micros: memory manager memory_manager: entry"), "the kernel entered it:\n" + r.serial());
        assertFalse(r.ok());
    }

    @Test
    void theReleaseIsoHasNoCommandLineAndQemusHasExitIsaDebug() {
        IsoBuilder.Spec spec = IsoBuilder.Spec.plain(TestIsos.KERNEL, List.of(new IsoBuilder.Module(TestIsos.module(), "memory_manager")));
        assertTrue(GrubConfig.main(spec.modules(), spec.cmdline()).contains("if multiboot2 /boot/micros.elf; then"));
        assertTrue(GrubConfig.main(spec.modules(), spec.withCmdline(QemuRun.CMDLINE).cmdline()).contains("if multiboot2 /boot/micros.elf exit=isa-debug; then"));
        ReleaseException e = assertThrows(ReleaseException.class, () -> IsoBuilder.build(spec.withCmdline("a; reboot"), TestIsos.DIR.resolve("bad.iso")));
        assertEquals("kernel command line 'a; reboot' may hold only letters, digits, spaces and ._=,:/+-", e.getMessage());
    }
}
