package micros.multiboot2;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of a multiboot2 boot information (specification 3.6) as a loader writes them: the header, then
 * the tags in this order (command line, loader name, modules, basic memory, memory map, framebuffer), then
 * the end tag. A null part has no tag: tests of a parser leave tags out; the bench's loader writes them all.
 */
public record BootInfoImage(String cmdline, String loaderName, List<PlacedModule> modules, BasicMemory basicMemory,
                            List<MemoryRegion> memoryMap, FramebufferTag framebuffer) {

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[Tag.INFORMATION_HEADER]); // total size and reserved, patched below
        if (cmdline != null) tag(out, TagType.COMMAND_LINE, cString(cmdline));
        if (loaderName != null) tag(out, TagType.LOADER_NAME, cString(loaderName));
        for (PlacedModule m : modules) {
            byte[] s = cString(m.string());
            tag(out, TagType.MODULE, le(8 + s.length).putInt((int) m.start()).putInt((int) m.end()).put(s).array());
        }
        if (basicMemory != null) tag(out, TagType.BASIC_MEMORY, le(8).putInt((int) basicMemory.lowerKiB()).putInt((int) basicMemory.upperKiB()).array());
        if (memoryMap != null) {
            ByteBuffer b = le(MemoryRegion.FIRST_ENTRY - Tag.HEADER + MemoryRegion.ENTRY_SIZE * memoryMap.size());
            b.putInt(MemoryRegion.ENTRY_SIZE).putInt(0); // entry_size, entry_version
            for (MemoryRegion r : memoryMap) b.putLong(r.base()).putLong(r.length()).putInt(r.type()).putInt(0);
            tag(out, TagType.MEMORY_MAP, b.array());
        }
        if (framebuffer != null) {
            ByteBuffer b = le(30).putLong(framebuffer.address()).putInt(framebuffer.pitch()).putInt(framebuffer.width()).putInt(framebuffer.height())
                    .put((byte) FramebufferTag.BITS_PER_PIXEL).put((byte) FramebufferTag.DIRECT_RGB).putShort((short) 0);
            // The colour info of direct RGB: each colour's field position and size.
            for (int shift : new int[] {FramebufferTag.RED_SHIFT, FramebufferTag.GREEN_SHIFT, FramebufferTag.BLUE_SHIFT})
                b.put((byte) shift).put((byte) FramebufferTag.BITS_PER_COLOUR);
            tag(out, TagType.FRAMEBUFFER, b.array());
        }
        tag(out, TagType.END, new byte[0]);
        byte[] info = out.toByteArray();
        ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putInt(0, info.length);
        return info;
    }

    private static void tag(ByteArrayOutputStream out, TagType type, byte[] payload) {
        out.writeBytes(le(Tag.HEADER).putInt(type.code()).putInt(Tag.HEADER + payload.length).array());
        out.writeBytes(payload);
        while (out.size() % Tag.ALIGNMENT != 0) out.write(0);
    }

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    /** A string as its tag holds it: UTF-8 and a NUL; one with a NUL inside cannot be written. */
    private static byte[] cString(String s) {
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("boot information string '" + s.replace("\0", "\\0") + "' contains a NUL character");
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }
}
