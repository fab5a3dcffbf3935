package micros.mm;

import micros.magic.Memory;

/**
 * The multiboot2 boot information (multiboot2 specification, section 3.6): a u32 total size, a reserved
 * u32, then tags, each a u32 type and a u32 size, starting 8-byte aligned, up to an end tag (type 0).
 * The kernel validated the information before handing it over; the walk still stops at the total size, so
 * a damaged list cannot lead it elsewhere.
 */
final class BootInformation {
    static final int END = 0, FRAMEBUFFER = 8;

    private BootInformation() {}

    /** The address of the first tag of {@code type}; 0 when there is none. */
    static long find(long info, int type) {
        long end = info + (Memory.read32(info) & 0xFFFF_FFFFL);
        long tag = info + 8;
        while (tag + 8 <= end) {
            int t = Memory.read32(tag);
            long size = Memory.read32(tag + 4) & 0xFFFF_FFFFL;
            if (t == END || size < 8) return 0;
            if (t == type) return tag;
            tag += (size + 7) & ~7L;
        }
        return 0;
    }
}
