package micros.bench.machine;

import micros.asm.ElfClass;
import micros.fixtures.HeaderKernels;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The header forms real loaders accept, each booted: what the bench warns about matches what GRUB 2.06 did with the
 * same fixture under QEMU (measured: short-end-tag, console-flags-tag, both address-tag kernels and hello32 boot;
 * no-end-tag stops with "error: unsupported tag: 0xbcfa"; load_addr -1 with a load_end_addr hangs after "Booting").
 */
class HeaderFormsTest {
    static Machine booted(String name, byte[] kernel, String warning) {
        Machine m = Machine.boot(name, kernel, MachineConfig.defaults());
        assertEquals(warning == null ? java.util.List.of() : java.util.List.of(name + ": " + warning), m.warnings());
        StopReason why = m.run(10_000);
        assertInstanceOf(StopReason.Halted.class, why, () -> name + ": " + why);
        assertEquals(HeaderKernels.BOOTED + "\n", m.serial().text());
        return m;
    }

    @Test
    void elf32KernelsLoadAsElf64OnesDo() {
        booted("hello32.elf", HeaderKernels.plain().bytes(ElfClass.ELF32), null).close();
        booted("hello64.elf", HeaderKernels.plain().bytes(ElfClass.ELF64), null).close();
    }

    @Test
    void headersTheLoadersReadDifferentlyBootWithOneWarningNamingWhoRefusesThem() {
        booted("short-end-tag.elf", HeaderKernels.shortEndTag().bytes(ElfClass.ELF32),
                "multiboot2 header's end tag is cut short by header_length 22 (6 of its 8 bytes inside); GRUB 2.06 and Limine boot it").close();
        booted("console-flags-tag.elf", HeaderKernels.optionalConsoleFlags().bytes(ElfClass.ELF32),
                "multiboot2 header has a tag of type 4, which Limine does not know (optional or not); GRUB 2.06 boots it, Limine refuses it").close();
        booted("no-end-tag.elf", HeaderKernels.noEndTag().bytes(ElfClass.ELF32),
                "multiboot2 header has no end tag within its header_length 24, and GRUB 2.06 reads on past it: multiboot2 header has a required tag"
                        + " of unknown type 48378 (0xbcfa); Limine boots it, GRUB 2.06 refuses it").close();
    }

    /** The a.out kludge: a flat file, placed from its header on at the address tag's load address, .bss zeroed. */
    @Test
    void addressTagKernelsNeedNoElf() {
        byte[] flat = HeaderKernels.addressTagKernel(false);
        try (Machine m = booted("address-tag.bin", flat, null)) {
            AddressTag a = AddressTag.of(MultibootKernelHeader.read("address-tag.bin", flat).header().tag(MultibootKernelHeader.TAG_ADDRESS));
            assertEquals(0x100000, a.loadAddress());
            int page = Math.min(0x1000, flat.length); // the header's page holds read-only data: as loaded, after the run too
            assertArrayEquals(java.util.Arrays.copyOf(flat, page), m.engine().read(0x100000, page), "the file from the header on at header_addr");
            assertEquals(m.entry(), ByteBuffer.wrap(flat, 16 + 24 + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt(), "entered at the entry address tag's address");
            assertNull(m.symbols().address("_start"), "no ELF, no symbols");
        }
        booted("address-tag-from-start.bin", HeaderKernels.addressTagKernel(true),
                "multiboot2 address tag's load_addr is -1 (load from the file's start), which Limine refuses; GRUB 2.06 boots it, Limine refuses it").close();
    }

    @Test
    void addressTagsNeitherLoaderTakesAreRefused() {
        byte[] flat = HeaderKernels.addressTagKernel(false);
        ByteBuffer b = ByteBuffer.wrap(flat.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(16 + 12, 0xFFFF_FFFF); // load_addr -1 but a load_end_addr given
        assertEquals("k.bin: multiboot2 address tag has load_addr -1 with a load_end_addr, which GRUB 2.06 mis-sizes (it hangs)",
                assertThrows(BootException.class, () -> Machine.boot("k.bin", b.array(), MachineConfig.defaults())).getMessage());
        ByteBuffer past = ByteBuffer.wrap(flat.clone()).order(ByteOrder.LITTLE_ENDIAN);
        past.putInt(16 + 16, 0x100000 + flat.length + 0x1000); // load_end_addr past the file
        assertEquals(String.format("k.bin: multiboot2 address tag loads file bytes 0x0-0x%x, outside the file (%d bytes)", flat.length + 0x1000, flat.length),
                assertThrows(BootException.class, () -> Machine.boot("k.bin", past.array(), MachineConfig.defaults())).getMessage());
        ByteBuffer below = ByteBuffer.wrap(flat.clone()).order(ByteOrder.LITTLE_ENDIAN);
        below.putInt(16 + 12, 0x100010); // load_addr above header_addr
        assertEquals("k.bin: multiboot2 address tag's load_addr 0x100010 is above its header_addr 0x100000",
                assertThrows(BootException.class, () -> Machine.boot("k.bin", below.array(), MachineConfig.defaults())).getMessage());
    }
}
