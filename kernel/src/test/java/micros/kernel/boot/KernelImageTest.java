package micros.kernel.boot;

import micros.asm.ElfFile;
import micros.asm.ElfSymbol;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built micros.elf is a well-formed multiboot2 kernel (checked with our reader and with GRUB's and binutils' tools). */
class KernelImageTest {
    static final Path ELF = Path.of("target/micros.elf");

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return p.exitValue() + "\n" + out;
    }

    @Test
    void grubAcceptsItAsMultiboot2() throws Exception {
        assertEquals("0\n", run("grub-file", "--is-x86-multiboot2", ELF.toString()));
    }

    @Test
    void readelfReadsItWithoutWarnings() throws Exception {
        String out = run("readelf", "-a", "-W", ELF.toString());
        assertTrue(out.startsWith("0\n"), out);
        assertTrue(!out.toLowerCase().contains("warning") && !out.toLowerCase().contains("error"), out);
    }

    @Test
    void headerIsInTheFirst32KiBWithAValidChecksum() throws Exception {
        byte[] data = Files.readAllBytes(ELF);
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int found = -1;
        for (int at = 0; at < 32 * 1024; at += 8) if (b.getInt(at) == MultibootHeader.MAGIC) { found = at; break; }
        assertTrue(found >= 0, "multiboot2 magic in the first 32 KiB");
        assertEquals(0, b.getInt(found + 4), "architecture i386");
        assertEquals(0, b.getInt(found) + b.getInt(found + 4) + b.getInt(found + 8) + b.getInt(found + 12), "checksum");
        // The tags: framebuffer (5), module alignment (6), end (0).
        int t = found + 16;
        List<Integer> types = new java.util.ArrayList<>();
        while (true) {
            int type = b.getShort(t) & 0xFFFF;
            types.add(type);
            if (type == 0) break;
            t += (b.getInt(t + 4) + 7) & ~7;
        }
        assertEquals(List.of(5, 6, 0), types);
        assertEquals(found + b.getInt(found + 8), t + 8, "header length covers the tags exactly");
    }

    @Test
    void segmentsLieAbove1MiBWithoutOverlapAndEntryIsStart() throws Exception {
        ElfFile elf = ElfFile.read(ELF.toString(), Files.readAllBytes(ELF));
        List<ElfFile.ProgramHeader> loads = elf.programHeaders().stream().filter(ElfFile.ProgramHeader::isLoad).toList();
        assertTrue(loads.size() >= 4);
        for (ElfFile.ProgramHeader a : loads) {
            assertTrue(a.paddr() >= 0x100000, "segment above 1 MiB");
            for (ElfFile.ProgramHeader c : loads)
                if (a != c) assertTrue(a.paddr() + a.memSize() <= c.paddr() || c.paddr() + c.memSize() <= a.paddr(), "no overlap");
        }
        Set<String> names = elf.symbols().stream().map(ElfSymbol::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("_start", "long_mode_entry", "uart_puts32", "uart_puts64", "halt", "pml4")), names.toString());
        long start = elf.symbols().stream().filter(s -> s.name().equals("_start")).findFirst().orElseThrow().address();
        assertEquals(start, elf.entry());
    }
}
