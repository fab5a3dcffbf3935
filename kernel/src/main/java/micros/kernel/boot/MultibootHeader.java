package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.Section;

/**
 * The multiboot2 header (multiboot2 specification, section 3.1): magic, architecture i386, length,
 * checksum, then tags. It must lie 8-byte aligned in the first 32 KiB of the file, so the kernel
 * places its section first.
 */
public final class MultibootHeader {
    public static final int MAGIC = 0xE85250D6;
    /** What the loader leaves in EAX. */
    public static final int BOOTLOADER_MAGIC = 0x36d76289;
    public static final Section SECTION = Section.named(".multiboot", Section.Kind.RODATA);

    private MultibootHeader() {}

    /** Emits the header with a framebuffer request (width x height x depth) and module alignment. */
    public static void emit(Assembler a, int width, int height, int depth) {
        a.section(SECTION).align(8).global("multiboot_header").label("multiboot_header");
        int length = 16 + 24 + 8 + 8;
        a.dd(MAGIC, 0, length, -(MAGIC + length) & 0xFFFF_FFFFL);
        // Framebuffer tag (type 5), optional: a kernel that gets text mode still boots.
        a.dw(5, 1).dd(20, width, height, depth).dd(0);
        // Module alignment tag (type 6): modules on page boundaries.
        a.dw(6, 0).dd(8);
        // End tag.
        a.dw(0, 0).dd(8);
    }
}
