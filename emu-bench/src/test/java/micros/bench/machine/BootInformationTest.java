package micros.bench.machine;

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

/** The boot information blob, parsed back independently of the writer, says what the machine is. */
class BootInformationTest {
    record Tag(int type, int offset, int size) {}

    static List<Tag> tags(ByteBuffer b) {
        List<Tag> tags = new ArrayList<>();
        int at = 8;
        while (true) {
            assertEquals(0, at % 8, "tags start 8-byte aligned");
            Tag t = new Tag(b.getInt(at), at, b.getInt(at + 4));
            tags.add(t);
            if (t.type() == 0) { assertEquals(8, t.size()); return tags; }
            at += (t.size() + 7) & ~7;
        }
    }

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
        List<BootInformation.PlacedModule> modules = new ArrayList<>();
        long next = 0x200000;
        for (String s : moduleStrings) { modules.add(new BootInformation.PlacedModule(next, next + 100, s)); next += 4096; }
        byte[] blob = BootInformation.build(cmdline, modules, map, Framebuffer.DEFAULT);
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(blob.length, b.getInt(0), "total size");
        List<Tag> tags = tags(b);
        assertEquals(blob.length, tags.getLast().offset() + 8, "the end tag ends the blob");
        assertEquals(List.of(1, 2), tags.subList(0, 2).stream().map(Tag::type).toList());
        assertEquals(cmdline, cString(b, tags.get(0).offset() + 8));
        assertEquals(BootInformation.LOADER, cString(b, tags.get(1).offset() + 8));
        List<Tag> mods = tags.stream().filter(t -> t.type() == 3).toList();
        assertEquals(modules.size(), mods.size());
        for (int i = 0; i < mods.size(); i++) {
            int at = mods.get(i).offset();
            assertEquals(modules.get(i).start(), b.getInt(at + 8) & 0xFFFF_FFFFL);
            assertEquals(modules.get(i).end(), b.getInt(at + 12) & 0xFFFF_FFFFL);
            assertEquals(modules.get(i).string(), cString(b, at + 16));
        }
        Tag mmap = tags.stream().filter(t -> t.type() == 6).findFirst().orElseThrow();
        assertEquals(24, b.getInt(mmap.offset() + 8), "entry size");
        int entries = (mmap.size() - 16) / 24;
        assertEquals(map.regions().size(), entries);
        long available = 0;
        for (int i = 0; i < entries; i++) {
            int at = mmap.offset() + 16 + 24 * i;
            MemoryRegion r = map.regions().get(i);
            assertEquals(r.base(), b.getLong(at));
            assertEquals(r.length(), b.getLong(at + 8));
            assertEquals(r.type(), b.getInt(at + 16));
            if (r.type() == MemoryRegion.AVAILABLE) available += r.length();
        }
        assertTrue(available <= ram && available > ram - (1L << 30) - 0x100000, "available memory is the RAM less the holes");
        Tag basic = tags.stream().filter(t -> t.type() == 4).findFirst().orElseThrow();
        assertEquals(639, b.getInt(basic.offset() + 8), "mem_lower KiB");
        Tag fb = tags.stream().filter(t -> t.type() == 8).findFirst().orElseThrow();
        assertEquals(Framebuffer.DEFAULT.address(), b.getLong(fb.offset() + 8));
        assertEquals(4096, b.getInt(fb.offset() + 16), "pitch");
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
