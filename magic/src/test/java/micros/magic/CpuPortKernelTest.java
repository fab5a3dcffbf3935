package micros.magic;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import micros.magic.sim.Machine;
import micros.magic.sim.MachineHalted;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SimulatedCpu.PortWrite;
import micros.magic.sim.SimulatedCpu.TableRegister;
import org.junit.jupiter.api.Test;

class CpuPortKernelTest {

    @Test
    void controlRegistersAndMsrsHoldWhatWasWritten() {
        var cpu = new SimulatedCpu();
        try (var m = Machine.install(cpu)) {
            Cpu.writeCr0(0x8000_0011L);
            Cpu.writeCr3(0x1000);
            Cpu.writeCr4(0x20);
            assertEquals(0x8000_0011L, Cpu.readCr0());
            assertEquals(0x1000, Cpu.readCr3());
            assertEquals(0x20, Cpu.readCr4());
            assertEquals(0, Cpu.readCr2());
            cpu.writeControlRegister(2, 0xDEAD000);
            assertEquals(0xDEAD000, Cpu.readCr2());
            assertEquals(0, Cpu.rdmsr(0xC000_0080));
            Cpu.wrmsr(0xC000_0080, 0x0000_0001_0000_0D01L);
            assertEquals(0x0000_0001_0000_0D01L, Cpu.rdmsr(0xC000_0080));
        }
    }

    @Test
    void cpuidAnswersPerLeafAndSubleaf() {
        var cpu = new SimulatedCpu();
        cpu.setCpuid(0x8000_0001, 0, 1, 2, 3, 1 << 26);
        cpu.setCpuid(7, 1, 10, 11, 12, 13);
        try (var m = Machine.install(cpu)) {
            assertEquals(1, Cpu.cpuidEax(0x8000_0001, 0));
            assertEquals(2, Cpu.cpuidEbx(0x8000_0001, 0));
            assertEquals(3, Cpu.cpuidEcx(0x8000_0001, 0));
            assertEquals(1 << 26, Cpu.cpuidEdx(0x8000_0001, 0));
            assertEquals(13, Cpu.cpuidEdx(7, 1));
            assertEquals(0, Cpu.cpuidEdx(7, 0));
        }
    }

    @Test
    void descriptorTablesAreReadFromTheirPseudoDescriptors() {
        var cpu = new SimulatedCpu();
        try (var m = Machine.install(cpu)) {
            Memory.write16(0x500, 0x27);
            Memory.write64(0x502, 0xFFFF_8000_0000_1000L);
            Cpu.lgdt(0x500);
            Memory.write16(0x600, 0xFFF);
            Memory.write64(0x602, 0x3000);
            Cpu.lidt(0x600);
            Cpu.ltr(0x1_0028);
            Cpu.invlpg(0x7000);
        }
        assertEquals(new TableRegister(0xFFFF_8000_0000_1000L, 0x27), cpu.gdtr());
        assertEquals(new TableRegister(0x3000, 0xFFF), cpu.idtr());
        assertEquals(0x28, cpu.taskRegister());
        assertEquals(List.of(0x7000L), cpu.invalidatedPages());
    }

    @Test
    void interruptFlagHltAndTimestamp() {
        var cpu = new SimulatedCpu();
        try (var m = Machine.install(cpu)) {
            Cpu.sti();
            assertTrue(cpu.interruptsEnabled());
            Cpu.cli();
            assertFalse(cpu.interruptsEnabled());
            Cpu.hlt();
            Cpu.pause();
            assertEquals(1, cpu.waits());
            long first = Cpu.rdtsc();
            assertTrue(Cpu.rdtsc() > first);
        }
    }

    @Test
    void portsZeroExtendTruncateAndRecord() {
        var cpu = new SimulatedCpu();
        cpu.setPortInput(0x60, 0x1_2345_6789L);
        try (var m = Machine.install(cpu)) {
            assertEquals(0x89, Port.in8(0x60));
            assertEquals(0x6789, Port.in16(0x60));
            assertEquals(0x23456789, Port.in32(0x60));
            assertEquals(0xFF, Port.in8(0x3FD), "absent devices read all ones");
            assertEquals(0xFFFF, Port.in16(0x1234));
            Port.out8(0x1_0080, 0x1FF);
            Port.out16(0xCF8, 0xABCDEF);
            Port.out32(0xCFC, -1);
        }
        assertEquals(List.of(new PortWrite(0x80, 1, 0xFF), new PortWrite(0xCF8, 2, 0xCDEF),
                             new PortWrite(0xCFC, 4, 0xFFFF_FFFFL)), cpu.portWrites());
    }

    @Test
    void consoleCollectsLogsAndCom1Bytes() {
        var cpu = new SimulatedCpu();
        try (var m = Machine.install(cpu)) {
            Kernel.log("frames: ");
            Kernel.logHex(0xABCL);
            Port.out8(SimulatedCpu.COM1_DATA, '\n');
            Kernel.logHex(-1L);
        }
        assertEquals("frames: 0x0000000000000abc\n0xffffffffffffffff", cpu.consoleText());
    }

    @Test
    void panicReportsAndThrows() {
        var cpu = new SimulatedCpu();
        try (var m = Machine.install(cpu)) {
            var e = assertThrows(KernelPanic.class, () -> Kernel.panic("out of frames"));
            assertEquals("out of frames", e.getMessage());
        }
        assertEquals("panic: out of frames\n", cpu.consoleText());
    }

    @Test
    void haltStopsTheMachine() {
        var cpu = new SimulatedCpu();
        try (var m = Machine.install(cpu)) {
            Cpu.sti();
            assertThrows(MachineHalted.class, Kernel::halt);
        }
        assertTrue(cpu.halted());
        assertFalse(cpu.interruptsEnabled());
    }
}
