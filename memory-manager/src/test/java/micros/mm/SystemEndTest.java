package micros.mm;

import micros.bench.machine.BootModule;
import micros.bench.machine.IdleLoop;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.fixtures.MemoryManagers;
import micros.kernel.ExitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Whole systems end by themselves: the memory manager waits (the wait system call), the kernel stops its
 * timer and halts with interrupts on, and the bench's idle stop ends the run with no budget given; with
 * {@code exit=isa-debug} the kernel writes its status to the isa-debug-exit port instead: 0 when every
 * process waits, another named status for a fault or a refused boot.
 */
class SystemEndTest {
    // Here, not in crosscheck: the memory manager is built before this module's tests, after crosscheck's.
    static final Path MEMORY_MANAGER = Path.of("target/memory_manager.elf"), KERNEL = Path.of("../kernel/target/micros.elf");
    static final long BUDGET = 50_000_000;
    static final String IDLE_LINE = micros.kernel.Idle.LINE.strip();

    static Machine boot(byte[] mm, String moduleString, String cmdline) throws Exception {
        MachineConfig config = MachineConfig.defaults().withCmdline(cmdline).withModules(List.of(new BootModule("mm.elf", mm, moduleString)));
        return Machine.boot("micros.elf", Files.readAllBytes(KERNEL), config);
    }

    static String lastLine(String com1) { return com1.lines().reduce((a, b) -> b).orElse(""); }

    @Test
    void theMemoryManagerWaitsAndTheKernelGoesIdleWithItsTimerStopped() throws Exception {
        try (Machine m = boot(Files.readAllBytes(MEMORY_MANAGER), "memory_manager", "")) {
            StopReason why = m.run(0);
            String com1 = m.serial().text();
            StopReason.Idle idle = assertInstanceOf(StopReason.Idle.class, why, () -> why + "\n" + com1);
            assertEquals(IdleLoop.HALT_WITH_INTERRUPTS_ON, idle.loop());
            assertEquals(0, idle.cpl(), "the kernel idles, not the memory manager");
            assertTrue(idle.interruptsOn(), why.toString());
            assertEquals(IDLE_LINE, lastLine(com1), com1);
            String apic = m.apic().describe();
            assertTrue(apic.contains(", masked, ") && apic.contains("initial count 0,") && apic.contains("not running"), "the timer is stopped: " + apic);
            assertFalse(com1.contains("isa-debug-exit"), "no exit status without exit=isa-debug:\n" + com1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"exit=isa-debug", "quiet exit=isa-debug", "exit=isa-debug other=1"})
    void withExitIsaDebugTheKernelWritesStatusZeroWhenEveryProcessWaits(String cmdline) throws Exception {
        try (Machine m = boot(Files.readAllBytes(MEMORY_MANAGER), "memory_manager", cmdline)) {
            StopReason why = m.run(0);
            String com1 = m.serial().text();
            StopReason.DebugExit exit = assertInstanceOf(StopReason.DebugExit.class, why, () -> why + "\n" + com1);
            assertEquals(ExitStatus.IDLE, exit.status());
            assertTrue(com1.contains(IDLE_LINE + "\nmicros: exit status 0 (every process waits) to isa-debug-exit\n"), com1);
        }
    }

    /** Only the whole word counts: a longer word or another value is not the option. */
    @ParameterizedTest
    @ValueSource(strings = {"exit=isa-debugger", "xexit=isa-debug", "exit=isa", "exit"})
    void anythingElseIsNotTheOption(String cmdline) throws Exception {
        try (Machine m = boot(Files.readAllBytes(MEMORY_MANAGER), "memory_manager", cmdline)) {
            StopReason why = m.run(0);
            assertInstanceOf(StopReason.Idle.class, why, () -> why + "\n" + m.serial().text());
        }
    }

    @Test
    void aFaultingMemoryManagerIsStatusProcessFault() throws Exception {
        try (Machine m = boot(MemoryManagers.writeKernel().bytes(), "memory_manager", "exit=isa-debug")) {
            StopReason why = m.run(BUDGET);
            String com1 = m.serial().text();
            StopReason.DebugExit exit = assertInstanceOf(StopReason.DebugExit.class, why, () -> why + "\n" + com1);
            assertEquals(ExitStatus.PROCESS_FAULT, exit.status(), com1);
            assertTrue(com1.contains(", cpl 3,") && lastLine(com1).equals("micros: exit status 4 (process fault) to isa-debug-exit"), com1);
        }
    }

    @Test
    void aRefusedBootIsStatusBootFailure() throws Exception {
        try (Machine m = boot(Files.readAllBytes(MEMORY_MANAGER), "not the one", "exit=isa-debug")) {
            StopReason why = m.run(BUDGET);
            String com1 = m.serial().text();
            StopReason.DebugExit exit = assertInstanceOf(StopReason.DebugExit.class, why, () -> why + "\n" + com1);
            assertEquals(ExitStatus.BOOT_FAILURE, exit.status(), com1);
            assertTrue(com1.contains("micros: boot information: no module whose string contains memory_manager\n"), com1);
        }
    }

    /** Unknown numbers answer -1 and leave every other register; then the wait makes the system idle. */
    @Test
    void unknownSystemCallsAnswerMinusOneAndKeepTheRegisters() throws Exception {
        try (Machine m = boot(MemoryManagers.systemCalls().bytes(), "memory_manager", "")) {
            StopReason why = m.run(0);
            String com1 = m.serial().text();
            assertInstanceOf(StopReason.Idle.class, why, () -> why + "\n" + com1);
            assertTrue(com1.contains("micros: unknown system call 7 from process 0\nmicros: unknown system call 0 from process 0\n" + IDLE_LINE + "\n"), com1);
        }
    }
}
