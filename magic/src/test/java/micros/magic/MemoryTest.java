package micros.magic;

import static org.junit.jupiter.api.Assertions.*;

import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SparseMemory;
import net.jqwik.api.*;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MemoryTest {

    @Test
    void read64SeesLittleEndianBytes() {
        try (var m = Machine.install(new SimulatedCpu())) {
            Memory.write64(0x1000, 0x0102030405060708L);
            for (int i = 0; i < 8; i++) assertEquals(8 - i, Memory.read8(0x1000 + i), "byte " + i);
            assertEquals(0x0708, Memory.read16(0x1000));
            assertEquals(0x05060708, Memory.read32(0x1000));
            assertEquals(0x01020304, Memory.read32(0x1004));
        }
    }

    @Test
    void narrowReadsZeroExtend() {
        try (var m = Machine.install(new SimulatedCpu())) {
            Memory.write64(0x2000, -1L);
            assertEquals(0xFF, Memory.read8(0x2000));
            assertEquals(0xFFFF, Memory.read16(0x2000));
            assertEquals(-1, Memory.read32(0x2000));
            assertEquals(-1L, Memory.read64(0x2000));
        }
    }

    @Test
    void narrowWritesKeepOnlyTheirLowBitsAndLeaveNeighboursAlone() {
        try (var m = Machine.install(new SimulatedCpu())) {
            Memory.write64(0x3000, 0x1111111111111111L);
            Memory.write8(0x3000, 0x7FAB);
            assertEquals(0x11111111111111ABL, Memory.read64(0x3000));
            Memory.write16(0x3002, 0x7654CDEF);
            assertEquals(0x11111111CDEF11ABL, Memory.read64(0x3000));
            Memory.write32(0x3004, 0x89ABCDEF);
            assertEquals(0x89ABCDEFCDEF11ABL, Memory.read64(0x3000));
        }
    }

    @Test
    void unalignedAccessAcrossAPageBoundary() {
        var memory = new SparseMemory();
        try (var m = Machine.install(new SimulatedCpu(memory))) {
            Memory.write64(0x4FFD, 0xA1A2A3A4A5A6A7A8L);
            assertEquals(0xA1A2A3A4A5A6A7A8L, Memory.read64(0x4FFD));
            assertEquals(0xA8, Memory.read8(0x4FFD));
            assertEquals(0xA1, Memory.read8(0x5004));
            assertTrue(memory.isTouched(0x4000) && memory.isTouched(0x5000));
            assertEquals(2, memory.touchedPages());
        }
    }

    @Test
    void highAddressesWork() {
        try (var m = Machine.install(new SimulatedCpu())) {
            Memory.write64(0xFFFF_FFFF_FFFF_FFF8L, 42);
            assertEquals(42, Memory.read64(0xFFFF_FFFF_FFFF_FFF8L));
        }
    }

    @Test
    void neverWrittenMemoryReadsZeroUnlessStrict() {
        try (var m = Machine.install(new SimulatedCpu())) {
            assertEquals(0L, Memory.read64(0x1234_5678_9000L));
        }
        try (var m = Machine.install(new SimulatedCpu(SparseMemory.strict()))) {
            var e = assertThrows(IllegalStateException.class, () -> Memory.read32(0x9000));
            assertTrue(e.getMessage().contains("0x9000"), e.getMessage());
            Memory.write8(0x9000, 1);
            assertEquals(0, Memory.read8(0x9001), "the rest of a written page reads zero");
        }
    }

    @Test
    void sizedMemoryRejectsAccessesBeyondItsEnd() {
        try (var m = Machine.install(new SimulatedCpu(SparseMemory.ofSize(0x10000)))) {
            Memory.write8(0xFFFF, 1);
            var e = assertThrows(IllegalStateException.class, () -> Memory.write16(0xFFFF, 1));
            assertTrue(e.getMessage().contains("0x10000"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> Memory.read8(-1L));
        }
        assertThrows(IllegalArgumentException.class, () -> SparseMemory.ofSize(0));
    }

    @Test
    void intrinsicsWithoutAMachineNameTheProblem() {
        var e = assertThrows(IllegalStateException.class, () -> Memory.read8(0));
        assertTrue(e.getMessage().contains("Machine.install"), e.getMessage());
    }

    @Test
    void fillSetsExactlyTheRange() {
        try (var m = Machine.install(new SimulatedCpu())) {
            Memory.fill(0x1001, 0x1AB, 5);
            assertEquals(0, Memory.read8(0x1000));
            for (int i = 1; i <= 5; i++) assertEquals(0xAB, Memory.read8(0x1000 + i));
            assertEquals(0, Memory.read8(0x1006));
            Memory.fill(0x1000, 7, 0);
            assertEquals(0, Memory.read8(0x1000));
            assertThrows(IllegalArgumentException.class, () -> Memory.fill(0x1000, 0, -1));
        }
    }

    /** copy behaves as memmove over a byte-array model, for every overlap. */
    @Property(tries = 200)
    void copyIsMemmove(@ForAll @IntRange(max = 63) int destination, @ForAll @IntRange(max = 63) int source,
                       @ForAll @IntRange(max = 64) int length, @ForAll long seed) {
        Assume.that(destination + length <= 128 && source + length <= 128);
        long base = 0x7FF0; // straddles a page boundary
        var model = new byte[128];
        new java.util.Random(seed).nextBytes(model);
        try (var m = Machine.install(new SimulatedCpu())) {
            for (int i = 0; i < model.length; i++) Memory.write8(base + i, model[i]);
            System.arraycopy(model, source, model, destination, length); // arraycopy is memmove too
            Memory.copy(base + destination, base + source, length);
            for (int i = 0; i < model.length; i++) assertEquals(model[i] & 0xFF, Memory.read8(base + i), "byte " + i);
        }
    }

    @Property(tries = 200)
    void write64ThenNarrowReadsAgree(@ForAll long value, @ForAll @IntRange(max = 8191) int offset) {
        long address = 0x10_0000L + offset;
        try (var m = Machine.install(new SimulatedCpu())) {
            Memory.write64(address, value);
            assertEquals(value, Memory.read64(address));
            assertEquals((int) value, Memory.read32(address));
            assertEquals((int) (value >>> 32), Memory.read32(address + 4));
            assertEquals((int) (value & 0xFFFF), Memory.read16(address));
            assertEquals((int) ((value >>> 56) & 0xFF), Memory.read8(address + 7));
        }
    }
}
