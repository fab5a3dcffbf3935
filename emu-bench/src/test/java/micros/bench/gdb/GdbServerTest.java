package micros.bench.gdb;

import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debian's real gdb, scripted with -batch, against our server on the bench running micros.elf. */
class GdbServerTest {
    static final Path KERNEL = Path.of("../kernel/target/micros.elf");

    /** gdb's "rip" row for the address of a kernel symbol. */
    static String ripAt(Machine m, String symbol) {
        String hex = "0x" + Long.toHexString(m.symbols().address(symbol));
        return String.format("rip            %-20s%s <%s>", hex, hex, symbol);
    }

    /** gdb's line for breakpoint n stopping at a kernel symbol. */
    static String breakpointAt(Machine m, int n, String symbol) {
        return "Breakpoint " + n + ", 0x" + String.format("%016x", m.symbols().address(symbol)) + " in " + symbol + " ()";
    }

    static Machine boot() throws Exception {
        return Machine.boot("micros.elf", Files.readAllBytes(KERNEL), MachineConfig.defaults());
    }

    @Test
    void gdbBreaksStepsReadsAndWritesMemoryAndContinues() throws Exception {
        try (Machine m = boot()) {
            long trampoline = m.pc();
            GdbBatch.Result r = GdbBatch.run(m, KERNEL,
                    "info registers rip", "break long_mode_entry", "continue", "info registers cs",
                    "stepi", "x/1i $pc", "x/4xb &'msg.long_mode'", "set {char}0x9000 = 0x5a",
                    "x/1xb 0x9000", "continue", "kill");
            String out = r.out();
            long entry = m.symbols().address("long_mode_entry");
            assertTrue(out.contains("rip            0x" + Long.toHexString(trampoline)), "starts at the loader's trampoline:\n" + out);
            assertTrue(out.contains("Breakpoint 1, 0x" + String.format("%016x", entry) + " in long_mode_entry ()"), out);
            assertTrue(out.contains("cs             0x8"), "64-bit kernel code segment at the breakpoint:\n" + out);
            assertTrue(out.contains("<long_mode_entry+4>:\tmov    %eax,%ds"), "stepi moved one instruction:\n" + out);
            assertTrue(out.contains(":\t0x6d\t0x69\t0x63\t0x72"), "reads 'micr' of the banner:\n" + out);
            assertTrue(out.contains("0x9000:\t0x5a"), "memory writes land:\n" + out);
            assertTrue(out.contains("\nProgram stopped.\n0x" + String.format("%016x", m.symbols().address("micros.runtime.halted") + 2) + " in micros.runtime[halted] ()"),  // gdb prints the dotted name so
                    "continue runs to the halt loop (no memory manager module), a stop without a signal:\n" + out);
            assertEquals("micros: long mode\nmicros: boot information: no module whose string contains memory_manager\n", m.serial().text());
            assertTrue(r.log().getFirst().startsWith("micros gdb: gdb connected from /127.0.0.1:"), r.log().toString());
            assertEquals(List.of("micros gdb: stopped: clean halt (hlt with interrupts off)", "micros gdb: gdb disconnected (killed)"),
                    r.log().subList(1, r.log().size()));
        }
    }

    /** The loader hands over in 32-bit protected mode; gdb (amd64 view) follows it through the switch to long mode. */
    @Test
    void gdbFollowsThe32BitPhaseIntoLongMode() throws Exception {
        try (Machine m = boot()) {
            GdbBatch.Result r = GdbBatch.run(m, KERNEL,
                    "break _start", "continue", "info registers rip rax cs ss eflags", "p/x $eax",
                    "break long_mode_entry", "continue", "info registers rip cs",
                    "break uart_init64", "continue", "info registers rsp", "detach");
            String out = r.out();
            assertTrue(out.contains(breakpointAt(m, 1, "_start")), out);
            assertTrue(out.contains(ripAt(m, "_start")), "eip at _start:\n" + out);
            assertTrue(out.contains("rax            0x36d76289"), "eax holds the multiboot2 magic:\n" + out);
            assertTrue(out.contains("$1 = 0x36d76289"), out);
            assertTrue(out.contains("cs             0x10 "), "the loader's flat 32-bit code segment, where GRUB puts it:\n" + out);
            assertTrue(out.contains("ss             0x18 "), out);
            assertTrue(out.contains(ripAt(m, "long_mode_entry")), out);
            assertTrue(out.contains(breakpointAt(m, 3, "uart_init64")), out);
            assertTrue(out.contains("rsp            0xffffff8000004ff8  0xffffff8000004ff8"),
                    "the stack in the higher half after the switch (one return address pushed):\n" + out);
            assertEquals("micros gdb: gdb disconnected (detached)", r.log().getLast());
        }
    }

    /** As with QEMU's gdbstub: gdb disconnects and a second {@code target remote} finds the machine where it stopped. */
    @Test
    void aSecondTargetRemoteFindsTheMachineWhereTheFirstLeftIt() throws Exception {
        try (Machine m = boot(); GdbBatch.Serving serving = GdbBatch.Serving.start(m)) {
            String out = GdbBatch.output(GdbBatch.gdb(serving.port(), KERNEL, "break long_mode_entry", "continue", "disconnect",
                    "target remote :" + serving.port(), "info registers rip", "stepi", "x/1i $pc", "kill"));
            assertTrue(out.contains(breakpointAt(m, 1, "long_mode_entry")), out);
            assertTrue(out.contains(ripAt(m, "long_mode_entry")), "the second connection sees the stop:\n" + out);
            assertTrue(out.contains("<long_mode_entry+4>:\tmov    %eax,%ds"), "and steps on from it:\n" + out);
            serving.thread().join(10_000);
            List<String> log = serving.log();
            assertEquals(4, log.size(), log.toString());
            assertTrue(log.get(0).startsWith("micros gdb: gdb connected from ") && log.get(2).startsWith("micros gdb: gdb connected from "), log.toString());
            assertEquals("micros gdb: gdb disconnected (connection closed)", log.get(1));
            assertEquals("micros gdb: gdb disconnected (killed)", log.get(3));
        }
    }

    /** 'P': general registers are written as they are, rip makes the next run start there, the rest is refused. */
    @Test
    void gdbWritesRegistersAndJumps() throws Exception {
        try (Machine m = boot()) {
            GdbBatch.Result r = GdbBatch.run(m, KERNEL,
                    "break _start", "continue", "set $rbx = 0x1234", "set $eflags = 0x2", "info registers rbx eflags",
                    "set $cr3 = 0x1000", "p/x $cr3", "jump halt", "info registers rip", "kill");
            String out = r.out();
            assertTrue(out.contains("rbx            0x1234 "), out);
            assertTrue(out.contains("eflags         0x2 "), out);
            assertTrue(out.contains("Could not write register \"cr3\"; remote failure reply 'E01'"), "control registers are read-only:\n" + out);
            assertTrue(out.contains("$1 = 0x0\n"), "CR3 unchanged:\n" + out);
            assertTrue(out.contains("rip            0x" + Long.toHexString(m.symbols().address("halt") + 2) + " "), "ran from halt to its hlt:\n" + out);
            assertEquals("", m.serial().text(), "never reached long mode");
            assertTrue(r.log().contains("micros gdb: stopped: clean halt (hlt with interrupts off)"), r.log().toString());
        }
    }
}
