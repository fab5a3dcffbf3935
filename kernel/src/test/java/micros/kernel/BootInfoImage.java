package micros.kernel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Multiboot2 boot information bytes (multiboot2 specification 3.6) for tests: what a loader would write. */
public record BootInfoImage(String cmdline, String loader, List<Module> modules, List<Region> memoryMap, Framebuffer framebuffer) {
    public record Module(long start, long end, String string) {}

    public record Region(long base, long length, int type) {
        public long end() { return base + length; }
    }

    public record Framebuffer(long address, int pitch, int width, int height) {
        public long size() { return (long) pitch * height; }
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[8]);
        if (cmdline != null) tag(out, BootInformation.TAG_COMMAND_LINE, cString(cmdline));
        if (loader != null) tag(out, BootInformation.TAG_LOADER_NAME, cString(loader));
        for (Module m : modules) {
            byte[] s = cString(m.string());
            tag(out, BootInformation.TAG_MODULE, le(8 + s.length).putInt((int) m.start()).putInt((int) m.end()).put(s).array());
        }
        if (memoryMap != null) {
            ByteBuffer b = le(8 + 24 * memoryMap.size()).putInt(24).putInt(0);
            for (Region r : memoryMap) b.putLong(r.base()).putLong(r.length()).putInt(r.type()).putInt(0);
            tag(out, BootInformation.TAG_MEMORY_MAP, b.array());
        }
        if (framebuffer != null) {
            ByteBuffer b = le(30).putLong(framebuffer.address()).putInt(framebuffer.pitch()).putInt(framebuffer.width())
                    .putInt(framebuffer.height()).put((byte) 32).put((byte) 1).putShort((short) 0).put(new byte[6]);
            tag(out, BootInformation.TAG_FRAMEBUFFER, b.array());
        }
        tag(out, BootInformation.TAG_END, new byte[0]);
        byte[] info = out.toByteArray();
        ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putInt(0, info.length);
        return info;
    }

    private static void tag(ByteArrayOutputStream out, int type, byte[] payload) {
        out.writeBytes(le(8).putInt(type).putInt(8 + payload.length).array());
        out.writeBytes(payload);
        while (out.size() % 8 != 0) out.write(0);
    }

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, b.length + 1);
    }
}
