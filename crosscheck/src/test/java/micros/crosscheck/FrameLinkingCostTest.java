package micros.crosscheck;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.frames.FrameAllocator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a frame costs when a region is handed to the compiled allocator, counted in the bench: its two
 * stores and the lea computing its address, the loop's compare and branch once per eight frames (3.25
 * instructions a frame). The boot hands over every free frame this way, so a compiler change that loses the
 * lea, or a register, shows here.
 */
class FrameLinkingCostTest {
    static final long ALLOC = 0x90000;
    /** A 2 MiB window in the bench's RAM: a region inside it is all 4 KiB frames. */
    static final long WINDOW = 0x1000000;

    @Test
    void aFrameCostsThreeInstructionsAndAQuarter() {
        ClassSource source = new ClassSource(FrameLinkingCostTest.class.getClassLoader());
        List<MethodRef> methods = List.of("init", "addRegion", "count4k").stream()
                .map(n -> Compiler.method(source, FrameAllocator.class.getName(), n)).toList();
        try (BenchRunner bench = new BenchRunner(Compiler.compile(source, methods))) {
            // Frame counts alike modulo 8 (the same tail after the unrolled loop): the difference is whole turns.
            long small = region(bench, methods, 13), large = region(bench, methods, 13 + 8 * 40);
            double perFrame = (large - small) / (8.0 * 40);
            assertTrue(perFrame <= 3.25, "a 4 KiB frame costs " + perFrame + " instructions (" + small + " for 13 frames, " + large + " for 333)");
            // And a run shorter than one turn costs no more than 6 a frame besides the call.
            long one = region(bench, methods, 1), seven = region(bench, methods, 7);
            assertTrue(seven - one <= 6 * 6, "6 more frames after the loop cost " + (seven - one) + " instructions");
        }
    }

    /** Instructions {@code addRegion} takes for {@code frames} 4 KiB frames, after checking it added them all. */
    static long region(BenchRunner bench, List<MethodRef> m, int frames) {
        bench.call(m.get(0), ALLOC, 0);
        bench.call(m.get(1), ALLOC, WINDOW, WINDOW + frames * FrameAllocator.SIZE_4K);
        long instructions = bench.lastInstructions();
        assertEquals(frames, bench.call(m.get(2), ALLOC), "frames in the 4 KiB list after adding " + frames);
        return instructions;
    }
}
