package micros.mm;

import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SimulatedMemory;
import micros.magic.sim.SparseMemory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The boot screen on the JVM, over random framebuffers and allocator lists: it writes nothing but visible
 * pixels, shows every row whole on any screen from 320 x 200 up, and the rows read back as the lists' counts.
 */
class BootScreenPropertyTest {
    /** Direct RGB layouts a boot loader hands out: 32 and 24 bits as RGB or BGR, 16 bits as 5-6-5. */
    static Arbitrary<Screen.Format> formats(int minWidth, int maxWidth, int minHeight, int maxHeight) {
        Arbitrary<int[]> layouts = Arbitraries.of(new int[] {32, 16, 8, 8, 8, 0, 8}, new int[] {32, 0, 8, 8, 8, 16, 8}, new int[] {24, 16, 8, 8, 8, 0, 8},
                new int[] {24, 0, 8, 8, 8, 16, 8}, new int[] {16, 11, 5, 5, 6, 0, 5});
        return Combinators.combine(Arbitraries.integers().between(minWidth, maxWidth), Arbitraries.integers().between(minHeight, maxHeight),
                        Arbitraries.integers().between(0, 64), layouts)
                .as((w, h, pad, l) -> new Screen.Format(w, h, w * (l[0] / 8) + 4 * pad, l[0], Framebuffer.TYPE_RGB, l[1], l[2], l[3], l[4], l[5], l[6]));
    }

    static Arbitrary<Screen> screens(Arbitrary<Screen.Format> formats, int max1g) {
        return Combinators.combine(formats, Arbitraries.integers().between(0, 3000), Arbitraries.integers().between(0, 40),
                        Arbitraries.integers().between(0, max1g), Arbitraries.of(true, false))
                .as((f, n4k, n2m, n1g, oneGiB) -> new Screen(f, n4k, n2m, oneGiB ? n1g : 0, oneGiB));
    }

    @Provide Arbitrary<Screen> ordinary() { return screens(formats(320, 1280, 200, 1024), 3); }

    @Provide Arbitrary<Screen> anySize() { return screens(formats(1, 2600, 1, 2000), 1); }

    @Property(tries = 40)
    void showsTheCountsOfEveryList(@ForAll("ordinary") Screen s) {
        SparseMemory memory = new SparseMemory();
        s.writeTo(memory, true);
        assertTrue(show(memory, s));
        assertFalse(Text.clipped, "a character cell did not fit on " + s.format());
        ScreenReader reader = ScreenReader.of(memory, s.format());
        assertEquals(s.format().pixel(BootScreen.BACKGROUND), reader.pixel(0, 0), "background at the top left");
        assertEquals(s.format().pixel(BootScreen.BACKGROUND), reader.pixel(s.format().width() - 1, s.format().height() - 1), "background at the bottom right");
        int nameX = (s.format().width() - Text.width(BootScreen.NAME.length, BootScreen.big) + BootScreen.big) / 2;
        assertEquals("micros", reader.read(nameX, BootScreen.top, BootScreen.big, BootScreen.NAME.length));
        assertEquals(s.expectedRows(), reader.rows());
    }

    @Property(tries = 200)
    void writesOnlyVisiblePixels(@ForAll("anySize") Screen s) {
        SparseMemory memory = new SparseMemory();
        s.writeTo(memory, true);
        List<Long> outside = new ArrayList<>();
        SimulatedMemory guarded = new SimulatedMemory() {
            @Override public long load(long address, int size) { return memory.load(address, size); }

            @Override public void store(long address, int size, long value) {
                for (int i = 0; i < size; i++) if (!s.format().visible(address + i)) outside.add(address + i);
                memory.store(address, size, value);
            }
        };
        assertTrue(show(guarded, s));
        assertEquals(List.of(), outside.stream().limit(5).toList(), "writes outside the visible pixels of " + s.format());
    }

    @Property(tries = 50)
    void drawsNothingOnAFramebufferItCannotDrawOn(@ForAll("anySize") Screen s, @ForAll("unusable") int[] kind) {
        Screen.Format f = s.format();
        Screen other = new Screen(new Screen.Format(f.width(), f.height(), f.pitch(), kind[0], kind[1], 16, 8, 8, 8, 0, 8), s.frames4k(), s.frames2m(), s.frames1g(), s.oneGiB());
        SparseMemory memory = new SparseMemory();
        other.writeTo(memory, true);
        int before = memory.touchedPages();
        assertFalse(show(memory, other));
        assertEquals(before, memory.touchedPages());
    }

    /** Bits per pixel and type that are not direct RGB of 16, 24 or 32 bits. */
    @Provide Arbitrary<int[]> unusable() {
        return Arbitraries.of(new int[] {8, Framebuffer.TYPE_INDEXED}, new int[] {16, Framebuffer.TYPE_EGA_TEXT}, new int[] {8, Framebuffer.TYPE_RGB},
                new int[] {15, Framebuffer.TYPE_RGB}, new int[] {32, Framebuffer.TYPE_INDEXED});
    }

    @Property(tries = 10)
    void withoutAFramebufferTagThereIsNothingToShow(@ForAll("ordinary") Screen s) {
        SparseMemory memory = new SparseMemory();
        s.writeTo(memory, false);
        int before = memory.touchedPages();
        assertFalse(show(memory, s));
        assertEquals(before, memory.touchedPages());
    }

    @Property(tries = 10)
    void theSameScreenTwiceIsTheSamePicture(@ForAll("ordinary") Screen s) {
        SparseMemory first = new SparseMemory(), second = new SparseMemory();
        s.writeTo(first, true);
        s.writeTo(second, true);
        show(first, s);
        show(second, s);
        assertArrayEquals(pixels(first, s.format()), pixels(second, s.format()));
    }

    static boolean show(SimulatedMemory memory, Screen s) {
        Text.clipped = false;
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            return MemoryManager.show(Screen.ALLOC, Screen.INFO);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] pixels(SimulatedMemory memory, Screen.Format f) {
        byte[] b = new byte[(int) f.size()];
        for (int i = 0; i < b.length; i++) b[i] = (byte) memory.load(Screen.FRAMEBUFFER + i, 1);
        return b;
    }
}
