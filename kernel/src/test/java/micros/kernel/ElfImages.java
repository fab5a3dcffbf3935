package micros.kernel;

import micros.asm.ElfImage;
import micros.asm.ElfSegment;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Memory manager ELF files for tests: random good ones, a small good one, and that one with corrupted headers. */
public final class ElfImages {
    /** Where the segments start: the memory manager's link address. */
    public static final long BASE = 0xFFFF_FF80_0000_0000L;

    private ElfImages() {}

    /** Up to four segments from BASE on, each in pages of its own, the first executable (the entry is in it). */
    public static Arbitrary<ElfImage> images() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.longs()).as((n, seed) -> {
            Random r = new Random(seed);
            List<ElfSegment> segments = new ArrayList<>();
            long at = BASE + r.nextInt(16) * 4096L + (r.nextBoolean() ? r.nextInt(4096) : 0);
            for (int i = 0; i < n; i++) {
                int memsz = 1 + r.nextInt(20_000), filesz = r.nextInt(memsz + 1);
                byte[] bytes = new byte[filesz];
                r.nextBytes(bytes);
                int flags = ElfSegment.R | (i == 0 ? ElfSegment.X : r.nextInt(2)) | (r.nextBoolean() ? ElfSegment.W : 0);
                segments.add(new ElfSegment("s" + i, at, at, bytes, memsz, flags));
                at = ((at + memsz + 4095) & -4096L) + r.nextInt(4) * 4096L + (r.nextBoolean() ? r.nextInt(4096) : 0);
            }
            return new ElfImage(segments.getFirst().vaddr() + r.nextInt((int) segments.getFirst().memSize()), segments, List.of());
        });
    }

    /** Text and data, two program headers (at 64 and 120). */
    public static byte[] good() {
        List<ElfSegment> s = List.of(new ElfSegment("text", BASE, BASE, new byte[100], 100, ElfSegment.R | ElfSegment.X),
                new ElfSegment("data", BASE + 0x2000, BASE + 0x2000, new byte[10], 5000, ElfSegment.R | ElfSegment.W));
        return new ElfImage(BASE + 4, s, List.of()).bytes();
    }

    /** {@code file} with the little-endian {@code size}-byte {@code value} at {@code at}. */
    public static byte[] put(byte[] file, int at, int size, long value) {
        byte[] b = file.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        switch (size) {
            case 1 -> buf.put(at, (byte) value);
            case 2 -> buf.putShort(at, (short) value);
            case 4 -> buf.putInt(at, (int) value);
            default -> buf.putLong(at, value);
        }
        return b;
    }

    /** {@link #good()} with one to three edits of its headers: a byte, an address near BASE, a small word. */
    public static Arbitrary<byte[]> mutated() {
        byte[] g = good();
        int headers = 64 + 2 * 56;
        Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, headers - 1), Arbitraries.integers(), Arbitraries.integers().between(0, 2))
                .as((at, v, kind) -> new int[] {at, v, kind});
        return edit.list().ofMinSize(1).ofMaxSize(3).map(edits -> {
            byte[] b = g;
            for (int[] e : edits) b = switch (e[2]) {
                case 0 -> put(b, e[0], 1, e[1]);
                case 1 -> put(b, e[0] & ~7, 8, BASE + e[1]);
                default -> put(b, e[0] & ~3, 4, e[1] & 0xFFFF);
            };
            return b;
        });
    }
}
