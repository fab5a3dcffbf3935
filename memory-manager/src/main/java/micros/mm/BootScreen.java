package micros.mm;

import micros.frames.FrameAllocator;

/**
 * The memory manager's boot screen: the name, a line saying who drew it, and what the kernel handed over
 * (free memory and the frames in each of the allocator's lists, counted by walking them), laid out in the
 * middle of the framebuffer at a scale that follows its size.
 */
final class BootScreen {
    static final int BACKGROUND = 0x0B1D33, TITLE = 0xFFFFFF, ACCENT = 0x3FA7D6, LABEL = 0xA9B7C6, VALUE = 0xFFD166;

    static final byte[] NAME = ascii("micros");
    static final byte[] SUBTITLE = ascii("memory manager, ring 3");
    static final byte[] FREE_MEMORY = ascii("free memory");
    static final byte[] MIB = ascii(" MiB");
    static final byte[] FRAMES_4K = ascii("4 KiB frames");
    static final byte[] FRAMES_2M = ascii("2 MiB frames");
    static final byte[] FRAMES_1G = ascii("1 GiB frames");
    static final byte[] NOT_SUPPORTED = ascii("not supported");
    /** Characters before a value, and the widest row: label column plus the longest value. */
    static final int VALUE_COLUMN = 14, ROW_CHARACTERS = VALUE_COLUMN + 13;

    private BootScreen() {}

    /** The layout, set by {@link #layout}: scales of the name, the rows and the subtitle; where things start. */
    static int big, small, smaller, top, left, rowHeight, firstRow;

    /** Paints the whole screen from the allocator structure at {@code alloc}. */
    static void draw(long alloc) {
        layout(Framebuffer.width, Framebuffer.height);
        Framebuffer.fill(0, 0, Framebuffer.width, Framebuffer.height, BACKGROUND);
        centred(NAME, top, big, TITLE);
        int y = top + Font.CELL_HEIGHT * big + small;
        Framebuffer.fill(left, y, Text.width(ROW_CHARACTERS, small) - small, small, ACCENT);
        centred(SUBTITLE, y + 3 * small, smaller, LABEL);

        long frames4k = FrameAllocator.count4k(alloc), frames2m = FrameAllocator.count2m(alloc), frames1g = FrameAllocator.count1g(alloc);
        long kib = frames4k * 4 + frames2m * 2048 + frames1g * 1024 * 1024;
        label(FREE_MEMORY, 0);
        Text.number(kib / 1024);
        Text.write(MIB, MIB.length);
        label(FRAMES_4K, 1);
        Text.number(frames4k);
        label(FRAMES_2M, 2);
        Text.number(frames2m);
        label(FRAMES_1G, 3);
        if (FrameAllocator.supports1g(alloc)) Text.number(frames1g);
        else Text.write(NOT_SUPPORTED, NOT_SUPPORTED.length);
    }

    /** Scales that follow the screen (8 and 3 at 1024 x 768), everything centred; at least 1 however small the screen. */
    static void layout(int w, int h) {
        big = atLeastOne(min(w / 128, h / 96));
        small = atLeastOne(min(w / 340, h / 256));
        smaller = atLeastOne(small - 1);
        rowHeight = 14 * small;
        // name, a gap, the accent line, a gap, the subtitle, an empty row, the four rows
        int total = Font.CELL_HEIGHT * big + 4 * small + Font.CELL_HEIGHT * (smaller + small) + 4 * rowHeight;
        top = (h - total) / 2;
        left = (w - Text.width(ROW_CHARACTERS, small)) / 2;
        firstRow = top + Font.CELL_HEIGHT * big + 4 * small + Font.CELL_HEIGHT * (smaller + small);
    }

    /** {@code text} centred on the screen's width (by its drawn pixels, without the last cell's gap). */
    private static void centred(byte[] text, int y, int scale, int colour) {
        Text.pen((Framebuffer.width - Text.width(text.length, scale) + scale) / 2, y, scale, colour);
        Text.write(text, text.length);
    }

    /** Row {@code row}'s label; leaves the pen at its value column in the value colour. */
    private static void label(byte[] text, int row) {
        int y = firstRow + row * rowHeight;
        Text.pen(left, y, small, LABEL);
        Text.write(text, text.length);
        Text.pen(left + Text.width(VALUE_COLUMN, small), y, small, VALUE);
    }

    private static int min(int a, int b) { return a < b ? a : b; }

    private static int atLeastOne(int n) { return n < 1 ? 1 : n; }

    /** Build time: a label's characters. */
    private static byte[] ascii(String s) { return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII); }
}
