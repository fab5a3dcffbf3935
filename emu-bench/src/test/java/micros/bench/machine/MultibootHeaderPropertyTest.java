package micros.bench.machine;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The header reader over generated headers: conforming ones read alike by both loaders, anything else never crashes it. */
class MultibootHeaderPropertyTest {
    /** A tag both GRUB 2.06 and Limine know, with a payload of its own size: type, flags, payload. */
    record GenTag(int type, int flags, byte[] payload) {}

    @Provide
    Arbitrary<GenTag> commonTags() {
        // information requests for boot information both provide; framebuffer; module alignment; EFI boot services
        Arbitrary<GenTag> request = Arbitraries.of(1, 2, 3, 4, 6, 8, 9, 14, 15).list().ofMaxSize(5)
                .map(rs -> { ByteBuffer b = le(4 * rs.size()); rs.forEach(b::putInt); return b.array(); })
                .flatMap(p -> Arbitraries.of(0, 1).map(f -> new GenTag(1, f, p)));
        Arbitrary<GenTag> framebuffer = Arbitraries.integers().between(0, 4096).map(w -> new GenTag(5, 1, le(12).putInt(w).putInt(w / 2).putInt(32).array()));
        Arbitrary<GenTag> align = Arbitraries.of(0, 1).map(f -> new GenTag(6, f, new byte[0]));
        return Arbitraries.oneOf(request, framebuffer, align);
    }

    static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    /** {@code padding} zero bytes, then a header with {@code tags} and an end tag at an 8-aligned offset, then {@code after}. */
    static byte[] file(int padding, List<GenTag> tags, int lengthCut, byte[] after) {
        int length = 16 + 8;
        for (GenTag t : tags) length += (8 + t.payload().length + 7) & ~7;
        int declared = length - lengthCut;
        ByteBuffer b = le(padding * 8 + length + after.length);
        b.position(padding * 8);
        int magic = MultibootKernelHeader.MAGIC;
        b.putInt(magic).putInt(0).putInt(declared).putInt(-(magic + declared));
        for (GenTag t : tags) {
            int start = b.position();
            b.putShort((short) t.type()).putShort((short) t.flags()).putInt(8 + t.payload().length).put(t.payload());
            b.position(start + ((8 + t.payload().length + 7) & ~7));
        }
        b.putShort((short) 0).putShort((short) 0).putInt(8).put(after);
        return b.array();
    }

    @Property(tries = 300)
    void conformingHeadersAreReadAlikeAndWithoutWarning(@ForAll @IntRange(max = 100) int padding, @ForAll("tagLists") List<GenTag> tags) {
        byte[] data = file(padding, tags, 0, new byte[0]);
        MultibootKernelHeader.Reading r = MultibootKernelHeader.read("k", data);
        assertNull(r.warning());
        for (HeaderLoader l : HeaderLoader.values())
            assertEquals(tags.size(), assertInstanceOf(HeaderLoader.Accepted.class, l.read(data), l.toString()).header().tags().size());
        assertEquals(8 * padding, r.header().offset());
        for (int i = 0; i < tags.size(); i++) {
            MultibootKernelHeader.Tag read = r.header().tags().get(i);
            assertEquals(tags.get(i).type(), read.type());
            assertEquals(tags.get(i).flags(), read.flags());
            assertArrayEquals(tags.get(i).payload(), read.payload());
        }
    }

    @Provide
    Arbitrary<List<GenTag>> tagLists() { return commonTags().list().ofMaxSize(6); }

    /**
     * header_length stopping before the end tag: cut into it, both loaders stop at its type 0; past it, Limine stops at
     * header_length and GRUB reads on, booting if it finds the end tag there and refusing if that is another tag. The
     * bench boots it every time, with the tags inside header_length, and warns naming the deviation.
     */
    @Property(tries = 300)
    void aHeaderLengthShortOfTheEndTagBootsWithAWarning(@ForAll("tagLists") List<GenTag> tags, @ForAll @IntRange(min = 1, max = 8) int cut,
                                                         @ForAll boolean spoilEndTag, @ForAll @Size(max = 64) byte[] after) {
        byte[] data = file(0, tags, cut, after);
        boolean spoiled = cut == 8 && spoilEndTag;
        if (spoiled) ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putShort(data.length - after.length - 8, (short) 0xBCFA); // a required unknown tag
        MultibootKernelHeader.Reading r = MultibootKernelHeader.read("k", data);
        assertEquals(tags.size(), r.header().tags().size());
        assertInstanceOf(HeaderLoader.Accepted.class, HeaderLoader.LIMINE.read(data), "Limine boots what lies inside header_length");
        assertNotNull(r.warning(), "a deviation is always named");
        String expected = cut < 8 ? "end tag is cut short by header_length" : spoiled ? "Limine boots it, GRUB 2.06 refuses it" : "GRUB 2.06 reads on past it";
        assertTrue(r.warning().contains(expected), r.warning());
    }

    /** Any bytes at all: a reading or a one-line BootException, never another exception, and the same answer twice. */
    @Property(tries = 1000)
    void anyBytesGiveAReadingOrABootException(@ForAll("headerish") byte[] data) {
        String first = outcome(data), second = outcome(data);
        assertEquals(first, second);
        assertTrue(!first.contains("\n"), first);
    }

    static String outcome(byte[] data) {
        try {
            MultibootKernelHeader.Reading r = MultibootKernelHeader.read("k", data);
            return "boots: " + r.header().offset() + " " + r.header().tags().size() + " " + r.warning();
        } catch (BootException e) {
            assertTrue(e.getMessage().startsWith("k: "), e.getMessage());
            return "refused: " + e.getMessage();
        }
    }

    /** Random bytes with a magic and a good checksum planted at a random 8-aligned offset, some of them with random tags after. */
    @Provide
    Arbitrary<byte[]> headerish() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMinSize(16).ofMaxSize(300);
        return Combinators.combine(bytes, Arbitraries.integers().between(0, 35), Arbitraries.integers().between(0, 400), Arbitraries.integers().between(0, 1))
                .as((b, slot, length, arch) -> {
                    int at = Math.min(slot * 8, (b.length - 16) & ~7);
                    ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                    int magic = MultibootKernelHeader.MAGIC;
                    bb.putInt(at, magic).putInt(at + 4, arch).putInt(at + 8, length).putInt(at + 12, -(magic + arch + length));
                    return b;
                });
    }
}
