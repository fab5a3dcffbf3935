package micros.multiboot2;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The encoder's bytes, read back field by field at the specification's offsets, hold what it was given. */
class BootInfoImageTest {
    @Provide
    Arbitrary<BootInfoImage> images() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
        Arbitrary<Long> u32 = Arbitraries.longs().between(0, 0xFFFF_FFFFL);
        Arbitrary<PlacedModule> module = Combinators.combine(u32, u32, text).as(PlacedModule::new);
        Arbitrary<MemoryRegion> region = Combinators.combine(Arbitraries.longs(), Arbitraries.longs(), Arbitraries.integers()).as(MemoryRegion::new);
        Arbitrary<BasicMemory> basic = Combinators.combine(u32, u32).as(BasicMemory::new);
        Arbitrary<FramebufferTag> fb = Combinators.combine(Arbitraries.longs(), Arbitraries.integers(), Arbitraries.integers(), Arbitraries.integers()).as(FramebufferTag::new);
        return Combinators.combine(text.injectNull(0.2), text.injectNull(0.2), module.list().ofMaxSize(4), basic.injectNull(0.3),
                region.list().ofMaxSize(12).injectNull(0.2), fb.injectNull(0.3)).as(BootInfoImage::new);
    }

    @Property(tries = 300)
    void bytesHoldEveryPartAtItsOffsets(@ForAll("images") BootInfoImage image) {
        byte[] info = image.bytes();
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(info.length, b.getInt(0), "total size");
        assertEquals(0, b.getInt(4), "reserved");
        List<Tag> tags = Tag.walk(info);
        for (Tag t : tags) assertEquals(0, t.offset() % 8, "each tag 8-byte aligned");
        Tag end = tags.getLast();
        assertEquals(List.of(TagType.END.code(), 8, info.length), List.of(end.type(), end.size(), end.next()), "an end tag ends the information");

        List<Tag> cmd = of(tags, TagType.COMMAND_LINE), loader = of(tags, TagType.LOADER_NAME), mods = of(tags, TagType.MODULE),
                basic = of(tags, TagType.BASIC_MEMORY), map = of(tags, TagType.MEMORY_MAP), fb = of(tags, TagType.FRAMEBUFFER);
        assertEquals(image.cmdline() == null ? List.of() : List.of(image.cmdline()), cmd.stream().map(t -> string(b, t.payload(), t)).toList());
        assertEquals(image.loaderName() == null ? List.of() : List.of(image.loaderName()), loader.stream().map(t -> string(b, t.payload(), t)).toList());
        assertEquals(image.modules().size(), mods.size());
        for (int i = 0; i < mods.size(); i++) {
            Tag t = mods.get(i);
            assertEquals(image.modules().get(i), new PlacedModule(b.getInt(t.payload()) & 0xFFFF_FFFFL, b.getInt(t.payload() + 4) & 0xFFFF_FFFFL, string(b, t.payload() + 8, t)));
        }
        assertEquals(image.basicMemory() == null ? List.of() : List.of(image.basicMemory()),
                basic.stream().map(t -> new BasicMemory(b.getInt(t.payload()) & 0xFFFF_FFFFL, b.getInt(t.payload() + 4) & 0xFFFF_FFFFL)).toList());
        if (image.memoryMap() == null) assertEquals(List.of(), map);
        else {
            Tag t = map.getFirst();
            assertEquals(List.of(24, 0), List.of(b.getInt(t.payload()), b.getInt(t.payload() + 4)), "entry size and version");
            assertEquals(16 + 24 * image.memoryMap().size(), t.size());
            for (int i = 0; i < image.memoryMap().size(); i++) {
                int e = t.offset() + 16 + 24 * i;
                assertEquals(image.memoryMap().get(i), new MemoryRegion(b.getLong(e), b.getLong(e + 8), b.getInt(e + 16)));
                assertEquals(0, b.getInt(e + 20), "reserved");
            }
        }
        if (image.framebuffer() == null) assertEquals(List.of(), fb);
        else {
            int p = fb.getFirst().payload();
            assertEquals(image.framebuffer(), new FramebufferTag(b.getLong(p), b.getInt(p + 8), b.getInt(p + 12), b.getInt(p + 16)));
            assertEquals(List.of(32, 1, 16, 8, 8, 8, 0, 8), List.of(28, 29, 32, 33, 34, 35, 36, 37).stream().map(o -> (int) b.get(fb.getFirst().offset() + o)).toList(),
                    "bpp, direct RGB, then red, green and blue as position and size");
            assertEquals(38, fb.getFirst().size());
        }
    }

    /** The tags of one type, in order. */
    static List<Tag> of(List<Tag> tags, TagType type) { return tags.stream().filter(t -> t.type() == type.code()).toList(); }

    /** The NUL-terminated string at {@code at}, which must end inside tag {@code t}. */
    static String string(ByteBuffer b, int at, Tag t) {
        int end = at;
        while (b.get(end) != 0) end++;
        assertTrue(end < t.offset() + t.size(), "the string's NUL inside its tag");
        byte[] s = new byte[end - at];
        b.get(at, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    @Test
    void aStringWithANulIsRefusedNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BootInfoImage("a\0b", null, List.of(), null, null, null).bytes());
        assertEquals("boot information string 'a\\0b' contains a NUL character", e.getMessage());
    }

    @Test
    void aWalkStopsAtACorruptHeaderWithoutFailing() {
        byte[] info = new BootInfoImage("quiet", "test", List.of(), null, null, null).bytes();
        ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 4); // the command line's size below a header's
        assertEquals(List.of(), Tag.walk(info));
        ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0x7FFF_FFF0); // past the bytes
        assertEquals(1, Tag.walk(info).size());
    }
}
