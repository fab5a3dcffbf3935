package micros.bench.machine;

import micros.fixtures.ExceptionKernels;
import org.junit.jupiter.api.Test;

import static micros.bench.machine.GuestWords.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exceptions raised in ring 0 go through the kernel's own IDT, as on the CPU. */
class ExceptionDeliveryTest {
    @Test
    void breakpointIsHandledAndReturnedFromThenADoubleFaultTakesItsIstStack() {
        var image = ExceptionKernels.breakpointAndDoubleFault();
        try (Machine m = Machine.boot("exceptions.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.registers());
            assertEquals("micros: long mode\n" + ExceptionKernels.BREAKPOINT + "\n" + ExceptionKernels.RETURNED + "\n"
                    + ExceptionKernels.DOUBLE_FAULT + "\n", m.serial().text());
            // The #DF frame on the IST stack: error code 0, the ud2's address, CS 0x08, RFLAGS, RSP, SS.
            long top = image.symbol("ist_top");
            byte[] frame = m.readVirtual(top - 48, 48);
            java.nio.ByteBuffer f = java.nio.ByteBuffer.wrap(frame).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(0, f.getLong(0), "error code");
            assertEquals(image.symbol("after_ud2") - 2, f.getLong(8), "return address: the ud2 that faulted");
            assertEquals(0x08, f.getLong(16), "CS");
            assertEquals(0x10, f.getLong(40), "SS");
            assertTrue((f.getLong(24) & 0x2) != 0, "RFLAGS bit 1 is always set");
        }
    }

    @Test
    void anInvalidOpcodeIsStillDeliveredAfterStoppingAtABreakpointAndResuming() {
        var image = ExceptionKernels.breakpointAndDoubleFault();
        try (Machine m = Machine.boot("exceptions.elf", image.bytes(), MachineConfig.defaults())) {
            long stop = m.stopAt(image.symbol("kernel_main"), "kernel_main");
            assertInstanceOf(StopReason.Breakpoint.class, m.run(10_000_000));
            m.clearStop(stop);
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.serial().text());
            assertTrue(m.serial().text().endsWith(ExceptionKernels.DOUBLE_FAULT + "\n"), m.serial().text());
        }
    }

    @Test
    void ring3PageFaultIsHandledAndReturnedFromThenHltInRing3IsAGeneralProtectionFault() {
        var image = ExceptionKernels.userPageFault();
        try (Machine m = Machine.boot("user-page-fault.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.registers());
            assertEquals("micros: long mode\n" + ExceptionKernels.IN_RING3 + "\n" + ExceptionKernels.PAGE_FAULT + "\n"
                    + ExceptionKernels.BACK_IN_RING3 + "\n" + ExceptionKernels.GENERAL_PROTECTION + "\n", m.serial().text());
            assertEquals(0, m.cpl(), "halted in ring 0");
            assertEquals(ExceptionKernels.UNMAPPED, u64(m, image.symbol("seen_cr2")), "CR2 in the #PF handler");
            assertEquals(4, u64(m, image.symbol("seen_error")), "#PF error code: not present, read, user");
            // The #GP frame on TSS.RSP0's stack: error code 0, the user hlt, user CS 0x33 and SS 0x2b.
            java.nio.ByteBuffer f = java.nio.ByteBuffer.wrap(m.readVirtual(image.symbol("kernel_stack_top") - 48, 48)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(0, f.getLong(0));
            assertEquals(image.symbol("user_hlt"), f.getLong(8));
            assertEquals(0x33, f.getLong(16));
            assertEquals(image.symbol("user_stack_top"), f.getLong(32), "the user stack pointer");
            assertEquals(0x2b, f.getLong(40));
        }
    }

    @Test
    void stoppingInAHandlerEnteredFromRing3AndResumingReturnsToRing3() {
        var image = ExceptionKernels.userPageFault();
        try (Machine m = Machine.boot("user-page-fault.elf", image.bytes(), MachineConfig.defaults())) {
            long stop = m.stopAt(image.symbol("pf_handler"), "pf_handler");
            assertInstanceOf(StopReason.Breakpoint.class, m.run(10_000_000));
            assertEquals(0, m.cpl());
            m.clearStop(stop);
            assertInstanceOf(StopReason.BudgetExhausted.class, m.step(1));
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.serial().text() + m.registers() + m.describe(m.pc()));
            assertTrue(m.serial().text().endsWith(ExceptionKernels.BACK_IN_RING3 + "\n" + ExceptionKernels.GENERAL_PROTECTION + "\n"), m.serial().text());
        }
    }

    @Test
    void intFromRing3GoesThroughADpl3GateAndIsRefusedByADpl0Gate() {
        var image = ExceptionKernels.userInterrupts();
        try (Machine m = Machine.boot("user-interrupts.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.registers());
            // The #GP handler prints the error code it got: 0x81*8+2.
            assertEquals("micros: long mode\n" + ExceptionKernels.SYSCALL + "\n" + ExceptionKernels.REFUSED + "\n", m.serial().text());
            assertEquals(image.symbol("user_int81"), u64(m, image.symbol("seen_gp_rip")), "#GP is a fault: RIP is the refused int");
        }
    }

    @Test
    void in32BitProtectedModeGatesAreEightBytesAndTheFrameIsEflagsCsEip() {
        var image = micros.fixtures.Fixtures.interrupts32();
        try (Machine m = Machine.boot("interrupts32.elf", image.bytes(), MachineConfig.defaults())) {
            long ud = image.symbol("ud");
            m.stopAt(image.symbol("ud_handler"), "ud_handler");
            assertInstanceOf(StopReason.Breakpoint.class, m.run(1_000_000));
            java.nio.ByteBuffer f = java.nio.ByteBuffer.wrap(m.readVirtual(m.engine().reg(micros.bench.unicorn.X86.RSP), 12)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(ud, f.getInt(0) & 0xFFFF_FFFFL, "EIP: the ud2 (a fault)");
            assertEquals(0x08, f.getInt(4), "CS");
            assertEquals(0x2, f.getInt(8) & 0x2, "EFLAGS");
            assertEquals(0, m.reg(micros.bench.machine.cpu.Register.RFLAGS) & X86Bits.RFLAGS_IF, "interrupt gate: IF clear");
            StopReason why = m.run(1_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.serial().text());
            assertEquals(micros.fixtures.Fixtures.BREAKPOINT32_LINE + "\n" + micros.fixtures.Fixtures.INVALID32_LINE + "\n"
                    + (micros.fixtures.Fixtures.GP32_LINE + "\n").repeat(2) + micros.fixtures.Fixtures.BACK32_LINE + "\n", m.serial().text());
        }
    }

    @Test
    void aGateIsCheckedForItsTypeBeforeItsPresentBit() {
        var image = ExceptionKernels.missingGate();
        try (Machine m = Machine.boot("missing-gate.elf", image.bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            assertInstanceOf(StopReason.Halted.class, why, () -> why + "\n" + m.serial().text());
            assertEquals("micros: long mode\n" + ExceptionKernels.TYPE_BEFORE_PRESENT + "\n" + ExceptionKernels.PRESENT_AFTER_TYPE + "\n", m.serial().text());
            assertEquals(6 * 8 + 2 + 1, u64(m, image.symbol("seen_error")), "the all-zero #UD gate: #GP with the IDT and EXT bits, vector 6");
            assertEquals(image.symbol("fault"), u64(m, image.symbol("seen_rip")), "returns to the ud2");
            assertEquals(3 * 8 + 2, u64(m, image.symbol("seen_np_error")), "the not-present #BP gate: #NP with the IDT bit, no EXT for int3");
            assertEquals(image.symbol("breakpoint"), u64(m, image.symbol("seen_np_rip")), "#NP is a fault: RIP is the int3");
        }
    }

    @Test
    void aFaultWhileDeliveringTheDoubleFaultIsATripleFault() {
        try (Machine m = Machine.boot("triple-fault.elf", ExceptionKernels.tripleFault().bytes(), MachineConfig.defaults())) {
            StopReason why = m.run(10_000_000);
            StopReason.TripleFault t = assertInstanceOf(StopReason.TripleFault.class, why);
            // int3 past the limit is #GP(0x1a); that #GP past the limit too, a second contributory fault: #DF.
            assertEquals("3, 13, 8", t.vectors());
            assertEquals("vector 3 is past the IDT limit 0x0; then vector 13 is past the IDT limit 0x0; then vector 8 is past the IDT limit 0x0", t.why());
            assertTrue(t.instruction().contains("<kernel_main"), t.instruction());
        }
    }
}
