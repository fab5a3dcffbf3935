package micros.bench.machine;

import micros.asm.ElfImage;
import micros.fixtures.SyscallKernels;
import org.junit.jupiter.api.Test;

import static micros.bench.machine.GuestWords.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** syscall and sysret behave as on the CPU, though Unicorn 2.0.1 does neither (see FastSystemCalls). */
class SyscallTest {
    @Test
    void sysretEntersRing3AndSyscallComesBackToLstarWithTheUserStateInRcxAndR11() {
        ElfImage image = SyscallKernels.syscallRoundTrip();
        try (Machine m = Machine.boot("syscall.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.serial().text() + m.registers());
            assertEquals("micros: long mode\n" + SyscallKernels.SYSRET_TO_RING3 + "\n" + SyscallKernels.SYSCALL_IN_RING0 + "\n"
                    + SyscallKernels.SYSCALL_RETURNED + "\n" + SyscallKernels.SYSCALL_EXIT + "\n", m.serial().text());
            assertEquals(0, m.cpl(), "halted in ring 0");
            // What the last syscall's entry saw: CS/SS from STAR[47:32], RCX the return address, R11 the
            // user's RFLAGS (IF and IOPL 3 as sysret set them from R11), RFLAGS with FMASK's bits clear.
            assertEquals(0x08, u64(m, image.symbol("seen_cs")));
            assertEquals(0x10, u64(m, image.symbol("seen_ss")));
            assertEquals(0x3202, u64(m, image.symbol("seen_r11")) & 0xFF02, "IF and IOPL 3 as the user ran with");
            assertEquals(0, u64(m, image.symbol("seen_rflags")) & 0x4700, "FMASK cleared TF, IF, DF, NT");
            assertEquals(0x3002, u64(m, image.symbol("seen_rflags")) & 0x3202, "IOPL kept, IF masked");
        }
    }

    @Test
    void syscallReturnsToTheInstructionAfterIt() {
        ElfImage image = SyscallKernels.syscallRoundTrip();
        try (Machine m = Machine.boot("syscall.elf", image.bytes(), MachineConfig.defaults())) {
            long entry = image.symbol("syscall_entry");
            m.stopAt(entry, "syscall_entry");
            StopReason why = m.run(10_000_000);
            assertEquals(new StopReason.Breakpoint("syscall_entry", entry), why);
            assertEquals(0, m.cpl());
            assertEquals(image.symbol("after_syscall"), m.engine().reg(micros.bench.unicorn.X86.RCX));
            assertEquals(7, m.engine().reg(micros.bench.unicorn.X86.RDI));
        }
    }

    @Test
    void withEferSceClearSyscallIsAnInvalidOpcode() {
        try (Machine m = Machine.boot("syscall-without-sce.elf", SyscallKernels.syscallWithoutSce().bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.serial().text());
            assertEquals("micros: long mode\n" + SyscallKernels.SYSCALL_UNDEFINED + "\n", m.serial().text());
        }
    }
}
