package micros.bench.machine;

import micros.bench.unicorn.UnicornException;
import micros.multiboot2.MemoryRegion;
import micros.multiboot2.PlacedModule;
import micros.multiboot2.Tag;
import micros.multiboot2.TagType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static micros.multiboot2.MemoryRegion.*;
import static micros.bench.machine.MultibootLoaderTest.header;
import static micros.bench.machine.MultibootLoaderTest.kernel;
import static micros.bench.machine.MultibootLoaderTest.rejection;
import static org.junit.jupiter.api.Assertions.*;

/** A memory map given instead of a PC's: RAM only where it says, modules, framebuffer and boot information where they are told to go. */
class CustomMemoryMapTest {
    static final long MIB = 1L << 20, GIB = 1L << 30;

    static final List<MemoryRegion> REGIONS = List.of(
            new MemoryRegion(0, 0x9_F000, AVAILABLE),
            new MemoryRegion(MIB, 63 * MIB, AVAILABLE),
            new MemoryRegion(64 * MIB, MIB, RESERVED),
            new MemoryRegion(65 * MIB, 0x1_0000, ACPI_RECLAIMABLE),
            new MemoryRegion(65 * MIB + 0x1_0000, 0x1_0000, ACPI_NVS),
            new MemoryRegion(66 * MIB, MIB, BAD),
            // a hole from 67 MiB to 4 GiB, then RAM above it
            new MemoryRegion(4 * GIB, 64 * MIB, AVAILABLE));

    static MachineConfig config() { return MachineConfig.defaults().withMemoryMap(MemoryMap.of(REGIONS)); }

    static boolean readable(Machine m, long physical) {
        try {
            m.engine().read(physical, 1);
            return true;
        } catch (UnicornException e) {
            return false;
        }
    }

    @Test
    void ramOnlyWhereTheMapSaysRamIs() {
        MemoryMap map = MemoryMap.of(REGIONS);
        assertEquals(List.of("0-4000000", "4100000-4120000", "100000000-104000000"),
                map.ramRanges().stream().map(g -> Long.toHexString(g[0]) + "-" + Long.toHexString(g[1])).toList());
        assertEquals(64 * MIB + 0x2_0000 + 64 * MIB, map.ram());
        assertEquals(0x9_F000 / 1024, map.memLowerKiB());
        assertEquals(63 * 1024, map.memUpperKiB());
        try (Machine m = Machine.boot("k.elf", kernel(header(0)), config())) {
            for (long p : new long[] {0x9_F000, 0xF_0000, 63 * MIB, 65 * MIB, 65 * MIB + 0x1_FFFF, 4 * GIB, 4 * GIB + 64 * MIB - 1}) assertTrue(readable(m, p), "RAM at 0x" + Long.toHexString(p));
            for (long p : new long[] {64 * MIB, 66 * MIB, 67 * MIB, 2 * GIB, 4 * GIB + 64 * MIB}) assertFalse(readable(m, p), "no RAM at 0x" + Long.toHexString(p));
        }
    }

    /** The memory map tag lists the entries as given, in order, with their types. */
    @Test
    void theMemoryMapTagIsTheMapGiven() {
        try (Machine m = Machine.boot("k.elf", kernel(header(0)), config())) {
            ByteBuffer b = ByteBuffer.wrap(m.engine().read(m.bootInfoAddress(), 4096)).order(ByteOrder.LITTLE_ENDIAN);
            var mmap = Tag.walk(b.array()).stream().filter(t -> t.type() == TagType.MEMORY_MAP.code()).findFirst().orElseThrow();
            assertEquals(24, b.getInt(mmap.offset() + 8));
            List<MemoryRegion> listed = new ArrayList<>();
            for (int at = mmap.offset() + 16; at < mmap.offset() + mmap.size(); at += 24) listed.add(new MemoryRegion(b.getLong(at), b.getLong(at + 8), b.getInt(at + 16)));
            assertEquals(REGIONS, listed);
        }
    }

    /** Modules, framebuffer and the information at the addresses given, in RAM below and above 4 GiB and outside it. */
    @Property(tries = 20)
    void thingsGoWhereTheyAreTold(@ForAll @LongRange(min = 2 * MIB, max = 60 * MIB) long moduleAt, @ForAll @LongRange(min = 0, max = 2) int fbPlace) {
        byte[] bytes = {1, 2, 3, 4, 5};
        long fbAt = switch (fbPlace) {
            case 0 -> 4 * GIB + 8 * MIB;        // in RAM above 4 GiB
            case 1 -> 2 * GIB;                   // in the hole
            default -> 4 * GIB + 128 * MIB;      // above the top of RAM
        };
        long infoAt = (moduleAt & -8L) + 64;
        MachineConfig c = config().withModules(List.of(new BootModule("m", bytes, "memory_manager").at(moduleAt)))
                .withFramebuffer(new Framebuffer(fbAt, 640, 480)).withBootInfoAddress(infoAt);
        try (Machine m = Machine.boot("k.elf", kernel(header(0)), c)) {
            assertEquals(List.of(new PlacedModule(moduleAt, moduleAt + 5, "memory_manager")), m.modules());
            assertArrayEquals(bytes, m.engine().read(moduleAt, 5));
            assertEquals(infoAt, m.bootInfoAddress());
            assertArrayEquals(new byte[] {1, 2}, m.engine().read(moduleAt, 2), "the information did not overwrite the module");
            m.engine().write(fbAt + 640 * 480 * 4 - 4, new byte[] {7, 7, 7, 7});
            assertEquals(7, m.engine().read(fbAt + 640 * 480 * 4 - 4, 1)[0], "the framebuffer is memory");
            assertInstanceOf(StopReason.Halted.class, m.run(100));
        }
    }

    @Test
    void aBadPlacementIsOneLineNamingIt() {
        byte[] k = kernel(header(0));
        BootModule mod = new BootModule("m.elf", new byte[0x2000], "memory_manager");
        assertEquals("m.elf: module [0x4000000, 0x4002000): not inside one available entry of the memory map (a loader puts it in RAM it may use)",
                rejection(k, config().withModules(List.of(mod.at(64 * MIB)))));
        assertEquals("m.elf: module [0x100000000, 0x100002000): above 4 GiB (its tag holds 32-bit addresses)",
                rejection(k, config().withModules(List.of(mod.at(4 * GIB)))));
        assertEquals("m.elf: module [0x100800, 0x102800) overlaps the kernel [0x100000, 0x101002)",
                rejection(k, config().withModules(List.of(mod.at(MIB + 0x800)))));
        assertEquals("m.elf: module [0x201000, 0x203000) overlaps m.elf: module [0x200000, 0x202000)",
                rejection(k, config().withModules(List.of(mod.at(2 * MIB), mod.at(2 * MIB + 0x1000)))));
        assertEquals("m.elf: module [0x7e000, 0x80000) overlaps the loader's stack [0x7f000, 0x80000)",
                rejection(k, config().withModules(List.of(mod.at(0x7_E000)))));
        assertEquals("boot information at 0x300004: not 8-byte aligned (multiboot2 3.6)",
                rejection(k, config().withBootInfoAddress(3 * MIB + 4)));
        assertEquals("the framebuffer [0x3f00000, 0x4200000): lies partly in RAM and partly outside it",
                rejection(k, config().withFramebuffer(new Framebuffer(63 * MIB, 1024, 768))));
        assertEquals("m.elf: module [0x2100000, 0x2102000) overlaps the framebuffer [0x2000000, 0x2300000)",
                rejection(k, config().withFramebuffer(new Framebuffer(32 * MIB, 1024, 768)).withModules(List.of(mod.at(33 * MIB)))));
        assertEquals("the framebuffer [0xfee00000, 0xfef2c000): covers the local APIC's page 0xfee00000",
                rejection(k, config().withFramebuffer(new Framebuffer(0xFEE0_0000L, 640, 480))));
    }

    @Test
    void aBadMapIsOneLineNamingTheEntry() {
        assertEquals("memory map entry 1 [0x100000, 0x200000) type 7: type 7 is not one of multiboot2's 1-5",
                assertThrows(IllegalArgumentException.class, () -> MemoryMap.of(List.of(REGIONS.get(0), new MemoryRegion(MIB, MIB, 7)))).getMessage());
        assertEquals("memory map entry 0 [0x100000, 0x100000) available: empty or negative length",
                assertThrows(IllegalArgumentException.class, () -> MemoryMap.of(List.of(new MemoryRegion(MIB, 0, AVAILABLE)))).getMessage());
        assertEquals("memory map: RAM [0xfe000000, 0x100000000) covers the local APIC's page 0xfee00000",
                assertThrows(IllegalArgumentException.class, () -> MemoryMap.of(List.of(new MemoryRegion(0xFE00_0000L, 32 * MIB, ACPI_NVS)))).getMessage());
    }

    /** The PC map is the general rule's special case: its RAM below 3 GiB and from 4 GiB, as before. */
    @Property(tries = 50)
    void aPcMapGivenIsThePc(@ForAll @LongRange(min = 2, max = 64 * 1024) long mib) {
        MemoryMap pc = MemoryMap.pc(mib * MIB), given = MemoryMap.of(pc.regions());
        assertEquals(pc.ram(), given.ram());
        List<String> expected = new ArrayList<>(List.of("0-" + Long.toHexString(Math.min(mib * MIB, MemoryMap.PCI_HOLE))));
        if (mib * MIB > MemoryMap.PCI_HOLE) expected.add("100000000-" + Long.toHexString(MemoryMap.FOUR_GIB + mib * MIB - MemoryMap.PCI_HOLE));
        assertEquals(expected, given.ramRanges().stream().map(g -> Long.toHexString(g[0]) + "-" + Long.toHexString(g[1])).toList());
        assertEquals(pc.memLowerKiB(), given.memLowerKiB());
        assertEquals(pc.memUpperKiB(), given.memUpperKiB());
    }
}
