package micros.mm;

import micros.frames.FrameAllocator;
import micros.magic.sim.Machine;
import micros.magic.sim.SimulatedCpu;
import micros.magic.sim.SimulatedMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A machine state for the boot screen: a framebuffer of some format, the multiboot2 information that
 * describes it, and an allocator structure with so many frames in each list. Everything lies where the
 * bench's RAM (256 MiB) has room and no kernel data, so the same state can be written into the bench.
 */
record Screen(Format format, int frames4k, int frames2m, int frames1g, boolean oneGiB) {
    static final long ALLOC = 0x90000, INFO = 0x91000, FRAMES_4K = 16L << 20, FRAMES_2M = 32L << 20, FRAMEBUFFER = 128L << 20;

    /** A framebuffer as its multiboot2 tag gives it. */
    record Format(int width, int height, int pitch, int bitsPerPixel, int type,
                  int redPosition, int redSize, int greenPosition, int greenSize, int bluePosition, int blueSize) {
        static Format rgb32(int width, int height) { return new Format(width, height, width * 4, 32, Framebuffer.TYPE_RGB, 16, 8, 8, 8, 0, 8); }

        int bytesPerPixel() { return bitsPerPixel / 8; }

        long size() { return (long) pitch * height; }

        /** {@code rgb} in this format, computed here and not by the code under test. */
        long pixel(int rgb) {
            return component(rgb >>> 16 & 0xFF, redPosition, redSize) | component(rgb >>> 8 & 0xFF, greenPosition, greenSize) | component(rgb & 0xFF, bluePosition, blueSize);
        }

        private static long component(int c, int position, int size) { return (long) (c >> (8 - size)) << position; }

        /** Whether the byte at {@code address} belongs to a visible pixel (not the padding at the end of a row). */
        boolean visible(long address) {
            long offset = address - FRAMEBUFFER;
            return offset >= 0 && offset < size() && offset % pitch < (long) width * bytesPerPixel();
        }

        @Override public String toString() {
            return width + "x" + height + "x" + bitsPerPixel + " pitch " + pitch + " type " + type + " rgb at " + redPosition + "/" + greenPosition + "/" + bluePosition;
        }
    }

    /** The multiboot2 information: a command line tag, the framebuffer tag (when {@code withFramebuffer}), the end tag. */
    byte[] bootInformation(boolean withFramebuffer) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(0);
        b.putInt(1).putInt(8 + 5).put("boot".getBytes()).put((byte) 0).position(b.position() + 3); // cmdline, padded to 8
        if (withFramebuffer) {
            b.putInt(BootInformation.FRAMEBUFFER).putInt(38).putLong(FRAMEBUFFER).putInt(format.pitch()).putInt(format.width()).putInt(format.height());
            b.put((byte) format.bitsPerPixel()).put((byte) format.type()).putShort((short) 0);
            b.put((byte) format.redPosition()).put((byte) format.redSize()).put((byte) format.greenPosition()).put((byte) format.greenSize());
            b.put((byte) format.bluePosition()).put((byte) format.blueSize()).putShort((short) 0);
        }
        b.putInt(0).putInt(8);
        b.putInt(0, b.position());
        byte[] info = new byte[b.position()];
        b.get(0, info);
        return info;
    }

    /** Writes the boot information and fills the allocator (through the real allocator code) into {@code memory}. */
    void writeTo(SimulatedMemory memory, boolean withFramebuffer) {
        byte[] info = bootInformation(withFramebuffer);
        for (int i = 0; i < info.length; i++) memory.store(INFO + i, 1, info[i] & 0xFF);
        try (var installed = Machine.install(new SimulatedCpu(memory))) {
            FrameAllocator.init(ALLOC, oneGiB);
            for (int i = 0; i < frames4k; i++) FrameAllocator.addFrame4k(ALLOC, FRAMES_4K + 4096L * i);
            for (int i = 0; i < frames2m; i++) FrameAllocator.addFrame2m(ALLOC, FRAMES_2M + (2L << 20) * i);
            for (int i = 0; i < frames1g; i++) FrameAllocator.addFrame1g(ALLOC, (1L << 30) * (i + 1));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The rows as the screen must show them. */
    List<String> expectedRows() { return rows(frames4k, frames2m, frames1g, oneGiB); }

    /** The rows of a screen for an allocator with these lists, label and value. */
    static List<String> rows(long frames4k, long frames2m, long frames1g, boolean oneGiB) {
        long mib = (frames4k * 4 + frames2m * 2048 + frames1g * 1024 * 1024) / 1024;
        String[] labels = {"free memory", "4 KiB frames", "2 MiB frames", "1 GiB frames"};
        String[] values = {mib + " MiB", Long.toString(frames4k), Long.toString(frames2m), oneGiB ? Long.toString(frames1g) : "not supported"};
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 4; i++) rows.add(labels[i] + " ".repeat(BootScreen.VALUE_COLUMN - labels[i].length()) + values[i]);
        return rows;
    }
}
