package micros.bench.machine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the multiboot2 boot information (multiboot2 specification, section 3.6): a u32 total size,
 * a reserved u32, then tags each starting 8-byte aligned: command line, boot loader name, modules,
 * basic memory information, memory map, framebuffer, end.
 */
public final class BootInformation {
    public static final int END = 0, CMDLINE = 1, LOADER_NAME = 2, MODULE = 3, BASIC_MEMINFO = 4, MMAP = 6, FRAMEBUFFER = 8;
    public static final String LOADER = "micros emu-bench";

    /** A module as placed in physical memory. */
    public record PlacedModule(long start, long end, String string) {}

    private BootInformation() {}

    public static byte[] build(String cmdline, List<PlacedModule> modules, MemoryMap map, Framebuffer fb) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[8]); // total size and reserved, patched below
        tag(out, CMDLINE, cString(cmdline));
        tag(out, LOADER_NAME, cString(LOADER));
        for (PlacedModule m : modules) {
            ByteBuffer b = le(8);
            b.putInt((int) m.start()).putInt((int) m.end());
            tag(out, MODULE, concat(b.array(), cString(m.string())));
        }
        tag(out, BASIC_MEMINFO, le(8).putInt((int) map.memLowerKiB()).putInt((int) map.memUpperKiB()).array());
        ByteBuffer mm = le(8 + 24 * map.regions().size());
        mm.putInt(24).putInt(0);
        for (MemoryRegion r : map.regions()) mm.putLong(r.base()).putLong(r.length()).putInt(r.type()).putInt(0);
        tag(out, MMAP, mm.array());
        if (fb != null) {
            ByteBuffer f = le(8 + 4 * 3 + 4 + 6);
            f.putLong(fb.address()).putInt(fb.pitch()).putInt(fb.width()).putInt(fb.height());
            f.put((byte) 32).put((byte) 1).putShort((short) 0);
            f.put((byte) 16).put((byte) 8).put((byte) 8).put((byte) 8).put((byte) 0).put((byte) 8);
            tag(out, FRAMEBUFFER, f.array());
        }
        tag(out, END, new byte[0]);
        byte[] info = out.toByteArray();
        ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putInt(0, info.length);
        return info;
    }

    /** A tag: u32 type, u32 size (header plus payload, without padding), payload, zero padding to 8 bytes. */
    private static void tag(ByteArrayOutputStream out, int type, byte[] payload) {
        out.writeBytes(le(8).putInt(type).putInt(8 + payload.length).array());
        out.writeBytes(payload);
        while (out.size() % 8 != 0) out.write(0);
    }

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    private static byte[] cString(String s) {
        if (s.indexOf('\0') >= 0) throw new BootException("boot information string '" + s.replace("\0", "\\0") + "' contains a NUL character");
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] r = new byte[b.length + 1];
        System.arraycopy(b, 0, r, 0, b.length);
        return r;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
