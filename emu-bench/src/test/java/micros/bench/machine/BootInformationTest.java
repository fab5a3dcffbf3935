package micros.bench.machine;

import micros.multiboot2.MemoryRegion;
import micros.multiboot2.PlacedModule;
import micros.multiboot2.Tag;
import micros.multiboot2.TagType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The boot information the bench writes, read back at the specification's offsets, says what the machine is. */
class BootInformationTest {
    static String cString(ByteBuffer b, int at) {
        int end = at;
        while (b.get(end) != 0) end++;
        byte[] s = new byte[end - at];
        b.get(at, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<Long> ram() {
        return Arbitraries.oneOf(Arbitraries.longs().between(2, 3072).map(m -> m << 20),
                Arbitraries.of(3L << 30, (3L << 30) + 4096, 4L << 30, 16L << 30));
    }

    @Property(tries = 200)
    void blobDescribesTheMachine(@ForAll("ram") long ram, @ForAll @StringLength(max = 40) @CharRange(from = ' ', to = '~') String cmdline,
                                 @ForAll @Size(max = 4) List<@StringLength(max = 20) @CharRange(from = ' ', to = '~') String> moduleStrings) {
        MemoryMap map = MemoryMap.pc(ram);
        List<PlacedModule> modules = new ArrayList<>();
        long next = 0x200000;
        for (String s : moduleStrings) { modules.add(new PlacedModule(next, next + 100, s)); next += 4096; }
        byte[] blob = BootInformation.build(cmdline, modules, map, Framebuffer.DEFAULT);
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(blob.length, b.getInt(0), "total size");
        List<Tag> tags = Tag.walk(blob);
        assertEquals(blob.length, tags.getLast().next(), "the end tag ends the blob");
        List<Integer> types = new ArrayList<>(List.of(TagType.COMMAND_LINE.code(), TagType.LOADER_NAME.code()));
        for (PlacedModule ignored : modules) types.add(TagType.MODULE.code());
        types.addAll(List.of(TagType.BASIC_MEMORY.code(), TagType.MEMORY_MAP.code(), TagType.FRAMEBUFFER.code(), TagType.END.code()));
        assertEquals(types, tags.stream().map(Tag::type).toList(), "every tag the bench provides, in order");
        assertEquals(cmdline, cString(b, tags.get(0).payload()));
        assertEquals(BootInformation.LOADER, cString(b, tags.get(1).payload()));
        for (int i = 0; i < modules.size(); i++) assertEquals(modules.get(i).string(), cString(b, tags.get(2 + i).payload() + 8));
        Tag mmap = tags.get(modules.size() + 3);
        int entries = (mmap.size() - MemoryRegion.FIRST_ENTRY) / MemoryRegion.ENTRY_SIZE;
        assertEquals(map.regions().size(), entries);
        long available = 0;
        for (int i = 0; i < entries; i++) {
            int at = mmap.offset() + MemoryRegion.FIRST_ENTRY + MemoryRegion.ENTRY_SIZE * i;
            MemoryRegion r = new MemoryRegion(b.getLong(at), b.getLong(at + MemoryRegion.LENGTH_FIELD), b.getInt(at + MemoryRegion.TYPE_FIELD));
            assertEquals(map.regions().get(i), r);
            if (r.type() == MemoryRegion.AVAILABLE) available += r.length();
        }
        assertTrue(available <= ram && available > ram - (1L << 30) - 0x100000, "available memory is the RAM less the holes");
        Tag basic = tags.get(modules.size() + 2);
        assertEquals(639, b.getInt(basic.payload()), "mem_lower KiB");
        long acpi = map.regions().stream().filter(r -> r.type() == MemoryRegion.ACPI_RECLAIMABLE).findFirst().orElseThrow().base();
        assertEquals((acpi - 0x10_0000) / 1024, b.getInt(basic.payload() + 4), "mem_upper KiB: from 1 MiB to the ACPI tables");
        Tag fb = tags.get(modules.size() + 4);
        assertEquals(Framebuffer.DEFAULT.address(), b.getLong(fb.payload()));
        assertEquals(4096, b.getInt(fb.payload() + 8), "pitch");
        assertEquals(32, b.get(fb.offset() + 28), "bpp");
        assertEquals(1, b.get(fb.offset() + 29), "RGB");
    }

    @Property(tries = 200)
    void memoryMapIsSortedDisjointAndInsideTheMachine(@ForAll("ram") long ram) {
        List<MemoryRegion> r = MemoryMap.pc(ram).regions();
        for (int i = 1; i < r.size(); i++) assertTrue(r.get(i - 1).end() <= r.get(i).base(), "sorted and disjoint: " + r);
        for (MemoryRegion x : r) {
            assertTrue(x.length() > 0);
            if (x.type() == MemoryRegion.AVAILABLE) {
                boolean inRam = MemoryMap.pc(ram).ramRanges().stream().anyMatch(g -> x.base() >= g[0] && x.end() <= g[1]);
                assertTrue(inRam, "available region inside RAM: " + x);
            }
        }
    }

    @Property(tries = 50)
    void tooLittleOrRaggedMemoryIsRefused(@ForAll @LongRange(min = 0, max = (2 << 20) - 1) long small) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> MemoryMap.pc(small));
        assertTrue(e.getMessage().startsWith("memory " + small + " bytes: "), e.getMessage());
    }
}
