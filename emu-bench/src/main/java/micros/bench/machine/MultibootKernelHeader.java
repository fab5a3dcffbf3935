package micros.bench.machine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * A kernel's multiboot2 header (multiboot2 specification, section 3.1) as a loader read it: where it lies in the
 * file, its {@code header_length}, and the tags the loader took from it. Found 8-byte aligned in the first 32 KiB
 * of the file, with a checksum that makes magic + architecture + length + checksum zero. Real loaders read the
 * same bytes differently (see {@link HeaderLoader}); {@link #read} boots what one of them boots.
 */
public record MultibootKernelHeader(int offset, int architecture, long length, List<Tag> tags) {
    public static final int MAGIC = 0xE85250D6;
    public static final int SEARCH_LIMIT = 32 * 1024;
    public static final int TAG_END = 0, TAG_INFORMATION_REQUEST = 1, TAG_ADDRESS = 2, TAG_ENTRY_ADDRESS = 3, TAG_CONSOLE_FLAGS = 4,
            TAG_FRAMEBUFFER = 5, TAG_MODULE_ALIGN = 6, TAG_EFI_BOOT_SERVICES = 7, TAG_EFI_I386_ENTRY = 8, TAG_EFI_AMD64_ENTRY = 9,
            TAG_RELOCATABLE = 10;
    /** Bytes a tag of each known type needs for its fields, its 8-byte tag header included. */
    static int minimumSize(int type) {
        return switch (type) {
            case TAG_ADDRESS -> 24;
            case TAG_ENTRY_ADDRESS, TAG_CONSOLE_FLAGS, TAG_EFI_I386_ENTRY, TAG_EFI_AMD64_ENTRY -> 12;
            case TAG_FRAMEBUFFER -> 20;
            case TAG_RELOCATABLE -> 24;
            default -> 8;
        };
    }

    /** A tag: {@code at} is its offset in the file. */
    public record Tag(int type, int flags, int at, byte[] payload) {
        public boolean optional() { return (flags & 1) != 0; }

        public int u32(int offset) { return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getInt(offset); }

        /** The information request's tag types (an information request tag's payload). */
        int[] requests() {
            int[] r = new int[payload.length / 4];
            for (int i = 0; i < r.length; i++) r[i] = u32(4 * i);
            return r;
        }
    }

    public Tag tag(int type) {
        for (Tag t : tags) if (t.type() == type) return t;
        return null;
    }

    /** What the bench boots from {@code data}'s header, and the warning for a header real loaders disagree on (null: none). */
    public record Reading(MultibootKernelHeader header, String warning) {}

    /**
     * Reads the header as GRUB 2.06 and as Limine do. One that both refuse is refused with GRUB's reason; one that
     * only one refuses boots as the other reads it, with a warning naming the deviation and who refuses it; one both
     * boot despite a deviation from the specification boots with a warning saying so.
     */
    public static Reading read(String file, byte[] data) {
        HeaderLoader.Verdict grub = HeaderLoader.GRUB.read(data), limine = HeaderLoader.LIMINE.read(data);
        return switch (grub) {
            case HeaderLoader.Refused g -> switch (limine) {
                case HeaderLoader.Refused l -> throw new BootException(file + ": " + g.reason());
                case HeaderLoader.Accepted l -> new Reading(l.header(), file + ": " + g.reason() + "; Limine boots it, GRUB 2.06 refuses it");
            };
            case HeaderLoader.Accepted g -> switch (limine) {
                case HeaderLoader.Refused l -> new Reading(g.header(), file + ": " + l.reason() + "; GRUB 2.06 boots it, Limine refuses it");
                case HeaderLoader.Accepted l -> new Reading(g.header(), agreed(file, g, l));
            };
        };
    }

    /** Both loaders boot it: a warning if they read different tags, or if both read past a deviation. */
    private static String agreed(String file, HeaderLoader.Accepted grub, HeaderLoader.Accepted limine) {
        if (grub.header().offset() != limine.header().offset())
            return file + ": GRUB 2.06 uses the multiboot2 header at offset " + grub.header().offset() + ", Limine the one at " + limine.header().offset()
                    + "; the bench boots GRUB's";
        if (grub.header().tags().size() != limine.header().tags().size())
            return file + ": multiboot2 header has tags past header_length (" + limine.header().length() + ") that GRUB 2.06 reads and Limine ignores"
                    + "; the bench boots GRUB's reading";
        return grub.deviation() == null ? null : file + ": " + grub.deviation() + "; GRUB 2.06 and Limine boot it";
    }
}
