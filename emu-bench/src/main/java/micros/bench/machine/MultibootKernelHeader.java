package micros.bench.machine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel's multiboot2 header (multiboot2 specification, section 3.1): found 8-byte aligned in the
 * first 32 KiB of the file, with a checksum that makes magic + architecture + length + checksum zero.
 */
public record MultibootKernelHeader(int offset, int architecture, List<Tag> tags) {
    public static final int MAGIC = 0xE85250D6;
    public static final int SEARCH_LIMIT = 32 * 1024;
    public static final int TAG_INFORMATION_REQUEST = 1, TAG_ENTRY_ADDRESS = 3, TAG_FRAMEBUFFER = 5, TAG_MODULE_ALIGN = 6, TAG_ADDRESS = 2;

    public record Tag(int type, int flags, byte[] payload) {
        public boolean optional() { return (flags & 1) != 0; }

        public int u32(int at) { return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(at); }
    }

    public static MultibootKernelHeader find(String file, byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at + 16 <= Math.min(data.length, SEARCH_LIMIT); at += 8) {
            if (b.getInt(at) != MAGIC) continue;
            int arch = b.getInt(at + 4), length = b.getInt(at + 8), checksum = b.getInt(at + 12);
            if (MAGIC + arch + length + checksum != 0)
                throw new BootException(file + ": multiboot2 header at offset " + at + " has a bad checksum");
            if (arch != 0) throw new BootException(file + ": multiboot2 header asks for architecture " + arch + ", not i386 (0)");
            if (length < 24 || at + (long) length > data.length)
                throw new BootException(file + ": multiboot2 header at offset " + at + " has a bad length " + length);
            List<Tag> tags = new ArrayList<>();
            int t = at + 16;
            while (true) {
                if (t + 8 > at + length) throw new BootException(file + ": multiboot2 header has no end tag");
                int type = b.getShort(t) & 0xFFFF, flags = b.getShort(t + 2) & 0xFFFF, size = b.getInt(t + 4);
                if (size < 8 || t + (long) size > at + length) throw new BootException(file + ": multiboot2 header tag " + type + " has a bad size " + size);
                if (type == 0) break;
                byte[] payload = new byte[size - 8];
                System.arraycopy(data, t + 8, payload, 0, payload.length);
                tags.add(new Tag(type, flags, payload));
                t += (size + 7) & ~7;
            }
            return new MultibootKernelHeader(at, arch, List.copyOf(tags));
        }
        throw new BootException(file + ": no multiboot2 header in the first 32 KiB");
    }

    public Tag tag(int type) {
        for (Tag t : tags) if (t.type() == type) return t;
        return null;
    }
}
