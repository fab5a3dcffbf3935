package micros.kernel;

import micros.magic.sim.Machine;
import micros.magic.sim.MachineHalted;
import micros.magic.sim.SimulatedCpu;
import micros.multiboot2.BootInfoImage;
import micros.multiboot2.MemoryRegion;
import micros.multiboot2.PlacedModule;
import micros.multiboot2.Tag;
import micros.multiboot2.TagType;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The multiboot2 parser: what it keeps from good information, one line and a halt for each kind of bad one. */
class BootInformationTest {
    static final long INFO = 0x10_0000;
    static final List<MemoryRegion> MAP = BootInfoCorruptions.MAP;
    static final BootInfoImage GOOD = BootInfoCorruptions.GOOD;

    /**
     * Parses {@code info} at INFO on a fresh machine whose reads are confined to it (or to the total size it
     * claims, when that is larger and still believable); the console, or null.
     */
    static String parse(byte[] info) {
        WordMemory memory = new WordMemory();
        memory.write(INFO, info);
        long claimed = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).getInt(0) & 0xFFFF_FFFFL;
        memory.confineReads(INFO, INFO + Math.max(info.length, claimed <= BootInformation.MAX_TOTAL_SIZE ? claimed : 0));
        SimulatedCpu cpu = new SimulatedCpu(memory);
        try (var installed = Machine.install(cpu)) {
            BootInformation.parse(INFO);
            assertEquals("", cpu.consoleText());
            return null;
        } catch (MachineHalted halted) {
            return cpu.consoleText();
        }
    }

    static String string(long at) {
        StringBuilder s = new StringBuilder();
        for (long p = at; micros.magic.Memory.read8(p) != 0; p++) s.append((char) micros.magic.Memory.read8(p));
        return s.toString();
    }

    @Test
    void keepsWhatTheKernelNeeds() {
        byte[] info = GOOD.bytes();
        WordMemory memory = new WordMemory();
        memory.write(INFO, info);
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            BootInformation.parse(INFO);
            assertEquals(info.length, BootInformation.totalSize);
            assertEquals("quiet", string(BootInformation.commandLine));
            assertEquals("GRUB 2.06", string(BootInformation.loaderName));
            assertEquals(3, BootInformation.memoryMapEntries);
            assertEquals(0x10_0000, BootInformation.regionBase(1));
            assertEquals(0x7EE_0000, BootInformation.regionLength(1));
            assertEquals(BootInformation.ACPI_RECLAIMABLE, BootInformation.regionType(2));
            assertEquals(2, BootInformation.modules);
            assertEquals(1, BootInformation.memoryManager);
            assertEquals(0x30_0000, BootInformation.moduleStart[1]);
            assertEquals(0x31_0000, BootInformation.moduleEnd[1]);
            assertEquals("/boot/memory_manager.elf", string(BootInformation.moduleString[1]));
            assertEquals(0xFD00_0000L, BootInformation.framebuffer);
            assertEquals(4096 * 768, BootInformation.framebufferSize());
            assertEquals(32, BootInformation.framebufferBpp);
        }
    }

    static byte[] withU32(byte[] info, int at, int value) {
        byte[] b = info.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return b;
    }

    @Test
    void eachProblemIsOneLineNamingIt() {
        byte[] good = GOOD.bytes();
        assertNull(parse(good));
        assertEquals("micros: boot information: bad total size\n", parse(withU32(good, 0, 8)));
        assertEquals("micros: boot information: bad total size\n", parse(withU32(good, 0, good.length - 4)));
        assertEquals("micros: boot information: bad total size\n", parse(withU32(good, 0, 1 << 24)));
        // The first tag (command line) claims to be longer than the information.
        assertEquals("micros: boot information: a tag runs past the end\n", parse(withU32(good, 12, good.length)));
        assertEquals("micros: boot information: a tag is shorter than its header\n", parse(withU32(good, 12, 4)));
        // Total size cut just before the end tag, or past it.
        assertEquals("micros: boot information: no end tag\n", parse(withU32(good, 0, good.length - 8)));
        assertEquals("micros: boot information: the end tag is not at the end\n", parse(withU32(good, 0, good.length + 8)));
        assertEquals("micros: boot information: no memory map\n",
                parse(new BootInfoImage(null, null, GOOD.modules(), null, null, null).bytes()));
        assertEquals("micros: boot information: no module whose string contains memory_manager\n",
                parse(new BootInfoImage(null, null, GOOD.modules().subList(0, 1), null, MAP, null).bytes()));
        assertEquals("micros: boot information: no module whose string contains memory_manager\n",
                parse(new BootInfoImage(null, null, List.of(), null, MAP, null).bytes()));
        assertEquals("micros: boot information: a module lies outside available memory\n",
                parse(new BootInfoImage(null, null, List.of(new PlacedModule(0x7FF_0000, 0x800_1000, "memory_manager")), null, MAP, null).bytes()));
        // The command line's NUL turned into a letter, with its tag size covering exactly the text.
        byte[] noNul = withU32(good, 12, 8 + 5);
        noNul[16 + 5] = 'x';
        assertEquals("micros: boot information: a string is not NUL-terminated inside its tag\n", parse(noNul));
    }

    @Test
    void memoryMapChecks() {
        var twoMaps = new BootInfoImage(null, null, GOOD.modules(), null, MAP, null).bytes();
        // Turn the module tags... no: build a map whose entry size is wrong and one whose region wraps.
        var wrapping = new BootInfoImage(null, null, GOOD.modules(), null,
                List.of(new MemoryRegion(-4096, 8192, MemoryRegion.AVAILABLE)), null).bytes();
        assertEquals("micros: boot information: a memory map region wraps past 2^64\n", parse(wrapping));
        int mapTag = tagOffset(twoMaps, TagType.MEMORY_MAP);
        assertEquals("micros: boot information: bad memory map entry size\n", parse(withU32(twoMaps, mapTag + 8, 20)));
        assertEquals("micros: boot information: bad memory map entry size\n", parse(withU32(twoMaps, mapTag + 8, 28)));
        byte[] second = withU32(twoMaps, tagOffset(twoMaps, TagType.MODULE), TagType.MEMORY_MAP.code());
        assertTrue(parse(second).startsWith("micros: boot information: "), "a module tag read as a memory map is refused");
    }

    static int tagOffset(byte[] info, TagType type) {
        return Tag.walk(info).stream().filter(t -> t.type() == type.code()).findFirst().orElseThrow().offset();
    }

    /** The kernel names the layout in its own constants (kernel-Java); they are the specification's numbers. */
    @Test
    void theKernelsNumbersAreTheSpecifications() {
        assertEquals(List.of(TagType.END.code(), TagType.COMMAND_LINE.code(), TagType.LOADER_NAME.code(), TagType.MODULE.code(), TagType.MEMORY_MAP.code(), TagType.FRAMEBUFFER.code()),
                List.of(BootInformation.TAG_END, BootInformation.TAG_COMMAND_LINE, BootInformation.TAG_LOADER_NAME, BootInformation.TAG_MODULE, BootInformation.TAG_MEMORY_MAP, BootInformation.TAG_FRAMEBUFFER));
        assertEquals(List.of(MemoryRegion.AVAILABLE, MemoryRegion.ACPI_RECLAIMABLE, MemoryRegion.ACPI_NVS, MemoryRegion.BAD, MemoryRegion.ENTRY_SIZE),
                List.of(BootInformation.AVAILABLE, BootInformation.ACPI_RECLAIMABLE, BootInformation.ACPI_NVS, BootInformation.BAD, BootInformation.MEMORY_MAP_ENTRY_MIN));
    }

    @Provide
    Arbitrary<byte[]> corrupted() { return BootInfoCorruptions.corrupted(); }

    /** Whatever is corrupted, the parser reads only inside the information and either accepts it or halts with one line. */
    @Property(tries = 2000)
    void corruptionIsAcceptedOrReportedInOneLine(@ForAll("corrupted") byte[] info) {
        String out = parse(info);
        if (out == null) {
            assertTrue(BootInformation.memoryManager >= 0 && BootInformation.memoryMap != 0);
            long end = INFO + BootInformation.totalSize;
            assertTrue(BootInformation.memoryMap + BootInformation.memoryMapEntries * BootInformation.memoryMapEntrySize <= end);
        } else {
            assertTrue(out.startsWith("micros: boot information: ") && out.endsWith("\n") && out.indexOf('\n') == out.length() - 1, out);
        }
    }
}
