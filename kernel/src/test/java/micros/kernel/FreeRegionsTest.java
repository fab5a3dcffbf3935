package micros.kernel;

import micros.frames.FrameAllocator;
import micros.magic.Memory;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.multiboot2.FramebufferTag;
import micros.multiboot2.MemoryRegion;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.*;

/** Free memory handed to the frame allocator: exactly the available memory nobody uses, each frame once. */
class FreeRegionsTest {
    static final long ALLOC = 0x1000, INFO = 0x10_0000;

    /** Parses the machine's information, reserves what the kernel would, fills an allocator; the frames. */
    static List<FrameLists.Frame> handOver(RandomMachines.Machine m) {
        byte[] info = m.bootInformation().bytes();
        WordMemory memory = new WordMemory();
        memory.write(m.infoAddress(), info);
        SimulatedCpu cpu = new SimulatedCpu(memory);
        try (var installed = Machine.install(cpu)) {
            BootInformation.parse(m.infoAddress());
            FreeRegions.clear();
            reserveAsTheKernelDoes(m.kernelStart(), m.kernelEnd());
            FreeRegions.compute();
            FrameAllocator.init(ALLOC, m.gibPages());
            FreeRegions.handOver(ALLOC);
            return FrameLists.all(ALLOC);
        } catch (micros.magic.sim.MachineHalted h) {
            throw new AssertionError("halted: " + cpu.consoleText());
        }
    }

    static void reserveAsTheKernelDoes(long kernelStart, long kernelEnd) {
        FreeRegions.reserve(kernelStart, kernelEnd);
        FreeRegions.reserve(BootInformation.address, BootInformation.address + BootInformation.totalSize);
        for (int i = 0; i < BootInformation.modules; i++) FreeRegions.reserve(BootInformation.moduleStart[i], BootInformation.moduleEnd[i]);
        FreeRegions.reserve(BootInformation.framebuffer, BootInformation.framebuffer + BootInformation.framebufferSize());
        FreeRegions.reserve(ALLOC, ALLOC + FrameAllocator.SIZE);
    }

    @Provide
    Arbitrary<RandomMachines.Machine> machines() { return RandomMachines.machines(RandomMachines.Space.JVM); }

    @Property(tries = 150)
    void everyFreeFrameOnceAlignedAvailableAndUnused(@ForAll("machines") RandomMachines.Machine m) {
        List<FrameLists.Frame> frames = handOver(m);
        Intervals available = new Intervals(), blocked = new Intervals(), used = new Intervals();
        for (var r : m.map()) (r.type() == MemoryRegion.AVAILABLE ? available : blocked).add(r.base(), r.end());
        used.add(m.kernelStart(), m.kernelEnd()).add(m.infoAddress(), m.infoAddress() + m.bootInformation().bytes().length)
                .add(m.framebuffer().address(), m.framebuffer().address() + m.framebuffer().size()).add(ALLOC, ALLOC + FrameAllocator.SIZE);
        for (var mod : m.placedModules()) used.add(mod.start(), mod.end());

        frames.sort(Comparator.comparingLong(FrameLists.Frame::address));
        Intervals actual = new Intervals();
        for (int i = 0; i < frames.size(); i++) {
            FrameLists.Frame f = frames.get(i);
            assertEquals(0, f.address() & (f.size() - 1), "aligned to its size: " + f);
            assertTrue(f.address() != 0, "frame 0 is never handed out");
            assertTrue(available.covers(f.address(), f.end()), "inside available memory: " + f);
            assertFalse(blocked.overlaps(f.address(), f.end()), "overlaps no reserved/ACPI/bad entry: " + f);
            assertFalse(used.overlaps(f.address(), f.end()), "overlaps nothing in use: " + f);
            if (i > 0) assertTrue(frames.get(i - 1).end() <= f.address(), "in exactly one list, once: " + frames.get(i - 1) + " and " + f);
            actual.add(f.address(), f.end());
        }
        assertEquals(expected(m, used), actual, "every free whole frame of each available entry is handed out");
    }

    /** The rule, per available entry: minus what is used, minus other types, minus earlier available entries; whole frames. */
    static Intervals expected(RandomMachines.Machine m, Intervals used) {
        Intervals out = new Intervals();
        for (int i = 0; i < m.map().size(); i++) {
            var r = m.map().get(i);
            if (r.type() != MemoryRegion.AVAILABLE) continue;
            Intervals piece = new Intervals().add(r.base(), r.end()).removeAll(used);
            for (int j = 0; j < m.map().size(); j++) {
                var o = m.map().get(j);
                if (j != i && (o.type() != MemoryRegion.AVAILABLE || j < i)) piece.remove(o.base(), o.end());
            }
            for (long[] p : piece.list()) out.add(Math.max(4096, (p[0] + 4095) & -4096L), p[1] & -4096L);
        }
        return out;
    }

    @Provide
    Arbitrary<CornerMaps.Layout> layouts() { return CornerMaps.layouts(); }

    /**
     * A map in ascending order is swept; with the order flag cleared the same map takes the scan, which
     * steps from blocker to blocker scanning every range: the same regions in the same order, the same bytes.
     */
    @Property(tries = 1000)
    void theSweepFindsWhatTheScanFinds(@ForAll("layouts") CornerMaps.Layout layout) {
        WordMemory memory = new WordMemory();
        memory.write(INFO, layout.info());
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            BootInformation.parse(INFO);
            assertEquals(layout.ascending(), BootInformation.memoryMapAscending, "whether the map ascends");
            FreeRegions.clear();
            for (long[] r : layout.reserved()) FreeRegions.reserve(r[0], r[1]);
            assertReservedInOrder(layout.reserved());
            FreeRegions.compute();
            List<String> swept = regions();
            long sweptBytes = FreeRegions.bytes();
            BootInformation.memoryMapAscending = false;
            FreeRegions.compute();
            assertEquals(regions(), swept);
            assertEquals(FreeRegions.bytes(), sweptBytes);
        }
    }

    /** The reserved ranges kept are the non-empty ones reserved, in ascending order of start. */
    static void assertReservedInOrder(List<long[]> reserved) {
        List<String> kept = new ArrayList<>(), given = new ArrayList<>();
        for (int k = 0; k < FreeRegions.reserved; k++) {
            kept.add(Long.toHexString(FreeRegions.reservedStart[k]) + "-" + Long.toHexString(FreeRegions.reservedEnd[k]));
            if (k > 0) assertTrue(Long.compareUnsigned(FreeRegions.reservedStart[k - 1], FreeRegions.reservedStart[k]) <= 0, "in order: " + kept);
        }
        for (long[] r : reserved) if (Long.compareUnsigned(r[0], r[1]) < 0) given.add(Long.toHexString(r[0]) + "-" + Long.toHexString(r[1]));
        Collections.sort(kept);
        Collections.sort(given);
        assertEquals(given, kept);
    }

    static List<String> regions() {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < FreeRegions.count; k++) out.add("[0x" + Long.toHexString(FreeRegions.start[k]) + ", 0x" + Long.toHexString(FreeRegions.end[k]) + ")");
        return out;
    }

    @Test
    void acpiReclaimableIsNotHandedOut() {
        var map = List.of(new MemoryRegion(0x10_0000, 0x3F0_0000, MemoryRegion.AVAILABLE),
                new MemoryRegion(0x400_0000, 0x20_0000, MemoryRegion.ACPI_RECLAIMABLE));
        var m = new RandomMachines.Machine(66L << 20, false, map, 0x10_0000, 0x20_0000,
                List.of(new RandomMachines.Machine.Module("memory_manager", 0x1_0000, OptionalLong.of(0x31_0000))), OptionalLong.of(0x30_0000),
                new FramebufferTag(0xFD00_0000L, 4096, 1024, 768), "");
        List<FrameLists.Frame> frames = handOver(m);
        assertTrue(frames.stream().allMatch(f -> f.end() <= 0x400_0000));
        long bytes = frames.stream().mapToLong(FrameLists.Frame::size).sum();
        // [2 MiB, 64 MiB) minus the information's page and the module's 64 KiB.
        assertEquals(0x3E0_0000 - 0x1000 - 0x1_0000, bytes);
    }
}
