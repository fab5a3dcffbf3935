package micros.multiboot2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One tag of a boot information: where it starts, its type and size fields. The information starts with
 * u32 total size and u32 reserved; each tag with u32 type and u32 size (header and payload, without the
 * padding that takes the next tag to an 8-byte boundary); an end tag closes it.
 */
public record Tag(int offset, int type, int size) {
    /** The information's header, a tag's header, and the alignment of every tag. */
    public static final int INFORMATION_HEADER = 8, HEADER = 8, ALIGNMENT = 8;

    /** Where the next tag starts. */
    public int next() { return offset + ((size + ALIGNMENT - 1) & -ALIGNMENT); }

    /** Where the payload starts. */
    public int payload() { return offset + HEADER; }

    /**
     * The tags of {@code info} as its size fields chain them, up to and with the end tag; it stops earlier
     * at a header past the bytes or a size shorter than a header (a corrupt information), without failing.
     */
    public static List<Tag> walk(byte[] info) {
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        List<Tag> tags = new ArrayList<>();
        for (int at = INFORMATION_HEADER; at >= 0 && at <= info.length - HEADER; ) {
            Tag t = new Tag(at, b.getInt(at), b.getInt(at + 4));
            if (t.size() < HEADER) break;
            tags.add(t);
            if (t.type() == TagType.END.code()) break;
            at = t.next();
        }
        return tags;
    }
}
