package micros.bench.machine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static micros.bench.machine.MultibootKernelHeader.*;

/**
 * How two real loaders read a multiboot2 header, from their sources (GRUB 2.06 grub-core/loader/multiboot_mbi2.c,
 * Limine common/protos/multiboot2.c, BIOS build). Where they differ:
 * <ul>
 * <li>GRUB takes the first header whose checksum holds and whose architecture is i386; Limine the first magic,
 *     refusing it if its checksum is bad and ignoring the architecture.</li>
 * <li>GRUB walks tags until an end tag, ignoring {@code header_length}; Limine stops at an end tag or at
 *     {@code header_length}, whichever comes first.</li>
 * <li>GRUB skips optional tags it does not know and refuses required ones (the EFI i386 entry tag among them);
 *     Limine refuses any tag it does not know: console flags and the EFI entry tags too, optional or not.</li>
 * <li>GRUB loads an address tag's {@code load_addr} of -1 from the file's start; Limine refuses it.</li>
 * <li>Each satisfies its own set of required information requests.</li>
 * </ul>
 * Both refuse a tag too small for its own fields (a size-0 tag makes both loop forever).
 */
enum HeaderLoader {
    GRUB("GRUB 2.06", Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21),
            Set.of(TAG_INFORMATION_REQUEST, TAG_ADDRESS, TAG_ENTRY_ADDRESS, TAG_CONSOLE_FLAGS, TAG_FRAMEBUFFER, TAG_MODULE_ALIGN,
                    TAG_EFI_BOOT_SERVICES, TAG_EFI_AMD64_ENTRY, TAG_RELOCATABLE)),
    LIMINE("Limine", Set.of(1, 2, 3, 4, 6, 8, 9, 13, 14, 15),
            Set.of(TAG_INFORMATION_REQUEST, TAG_ADDRESS, TAG_ENTRY_ADDRESS, TAG_FRAMEBUFFER, TAG_MODULE_ALIGN, TAG_EFI_BOOT_SERVICES,
                    TAG_RELOCATABLE));

    /** What a loader makes of a header. */
    sealed interface Verdict permits Accepted, Refused {}

    /** It boots {@code header}; {@code deviation} names a departure from the specification it reads past (null: none). */
    record Accepted(MultibootKernelHeader header, String deviation) implements Verdict {}

    record Refused(String reason) implements Verdict {}

    private static final String PAST_LENGTH = "multiboot2 header has no end tag within its header_length ";

    private final String loaderName;
    /** Boot information tag types it satisfies when an information request requires them. */
    private final Set<Integer> provides;
    /** Header tag types it knows. */
    private final Set<Integer> knows;

    HeaderLoader(String loaderName, Set<Integer> provides, Set<Integer> knows) {
        this.loaderName = loaderName;
        this.provides = provides;
        this.knows = knows;
    }

    @Override public String toString() { return loaderName; }

    Verdict read(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int limit = Math.min(data.length, SEARCH_LIMIT);
        int at = -1, firstMagic = -1;
        for (int o = 0; o + 16 <= limit; o += 8) {
            if (b.getInt(o) != MAGIC) continue;
            if (firstMagic < 0) firstMagic = o;
            if (this == LIMINE || checksumHolds(b, o) && b.getInt(o + 4) == 0) { at = o; break; }
        }
        if (firstMagic < 0) return new Refused("no multiboot2 header in the first 32 KiB");
        if (at < 0) return new Refused("multiboot2 header at offset " + firstMagic + (checksumHolds(b, firstMagic) ? " asks for architecture "
                + b.getInt(firstMagic + 4) + ", not i386 (0)" : " has a bad checksum"));
        if (!checksumHolds(b, at)) return new Refused("multiboot2 header at offset " + at + " has a bad checksum");
        long length = b.getInt(at + 8) & 0xFFFF_FFFFL, end = at + length;
        List<Tag> tags = new ArrayList<>();
        String deviation = null;
        for (long t = at + 16; ; ) {
            if (this == LIMINE && t >= end) {
                deviation = PAST_LENGTH + length + " (Limine stops there)";
                break;
            }
            if (t + 8 > limit) return refused(deviation, "multiboot2 header has no end tag: its tags run past " + (limit == data.length ? "the end of the file" : "the first 32 KiB"));
            int type = b.getShort((int) t) & 0xFFFF, flags = b.getShort((int) t + 2) & 0xFFFF;
            long size = b.getInt((int) t + 4) & 0xFFFF_FFFFL;
            if (this == GRUB && t >= end && deviation == null) deviation = PAST_LENGTH + length + ", and GRUB 2.06 reads on past it";
            if (type == TAG_END) {
                if (t < end && t + 8 > end) deviation = "multiboot2 header's end tag is cut short by header_length " + length + " (" + (end - t) + " of its 8 bytes inside)";
                break;
            }
            // Both look at the type first: an unknown one is refused before its size matters.
            if (!knows.contains(type)) {
                if (this == LIMINE) return refused(deviation, "multiboot2 header has a tag of type " + type + ", which Limine does not know (optional or not)");
                if ((flags & 1) == 0) return refused(deviation, "multiboot2 header has a required tag of unknown type " + type + String.format(" (0x%x)", type));
            }
            if (t < end && t + size > end && deviation == null) deviation = "multiboot2 header tag " + type + " runs past its header_length " + length;
            if (size < minimumSize(type)) return refused(deviation, "multiboot2 header tag " + type + " has a bad size " + size);
            if (t + size > limit) return refused(deviation, "multiboot2 header tag " + type + " runs past the end of the file");
            byte[] payload = new byte[(int) size - 8];
            System.arraycopy(data, (int) t + 8, payload, 0, payload.length);
            Tag tag = new Tag(type, flags, (int) t, payload);
            if (type == TAG_INFORMATION_REQUEST && !tag.optional())
                for (int r : tag.requests())
                    if (!provides.contains(r)) return refused(deviation, "multiboot2 header requires boot information tag " + r + ", which " + this + " does not provide");
            tags.add(tag);
            t += (size + 7) & ~7L;
        }
        MultibootKernelHeader header = new MultibootKernelHeader(at, b.getInt(at + 4), length, List.copyOf(tags));
        Tag address = header.tag(TAG_ADDRESS);
        if (address != null) {
            if (header.tag(TAG_ENTRY_ADDRESS) == null) return new Refused("multiboot2 header has an address tag but no entry address tag");
            AddressTag a = AddressTag.of(address);
            if (a.loadFromFileStart() && this == LIMINE) return new Refused("multiboot2 address tag's load_addr is -1 (load from the file's start), which Limine refuses");
            // GRUB computes the load size as load_end_addr - load_addr from the tag's -1, not the address it derived,
            // and overruns: measured in QEMU, it hangs after "Booting". It works with load_end_addr 0 (the whole file).
            if (a.loadFromFileStart() && a.loadEndAddress() != 0)
                return new Refused("multiboot2 address tag has load_addr -1 with a load_end_addr, which GRUB 2.06 mis-sizes (it hangs)");
            if (!a.loadFromFileStart() && Long.compareUnsigned(a.loadAddress(), a.headerAddress()) > 0)
                return new Refused(String.format("multiboot2 address tag's load_addr 0x%x is above its header_addr 0x%x", a.loadAddress(), a.headerAddress()));
        }
        return new Accepted(header, deviation);
    }

    /** A refusal; once GRUB has read past header_length, saying so first, since that is where its reading went astray. */
    private static Refused refused(String deviation, String reason) {
        return new Refused(deviation != null && deviation.startsWith(PAST_LENGTH) ? deviation + ": " + reason : reason);
    }

    private static boolean checksumHolds(ByteBuffer b, int at) {
        return b.getInt(at) + b.getInt(at + 4) + b.getInt(at + 8) + b.getInt(at + 12) == 0;
    }
}
