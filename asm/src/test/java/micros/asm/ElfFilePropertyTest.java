package micros.asm;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ELF reader over damaged files of both classes: a reading or an ElfFormatException naming the file, nothing else. */
class ElfFilePropertyTest {
    @Property(tries = 2000)
    void damagedFilesAreReadOrRefusedNamingTheFile(@ForAll boolean elf32, @ForAll @Size(min = 1, max = 8) List<@IntRange(max = 1 << 20) Integer> positions,
                                                   @ForAll @Size(min = 8, max = 8) List<Byte> values, @ForAll @IntRange(max = 100) int cutPercent) {
        byte[] file = LinkerTest.sample().bytes(elf32 ? ElfClass.ELF32 : ElfClass.ELF64);
        // damage the headers mostly: the first 256 bytes and the tail, where section headers and tables are
        for (int i = 0; i < positions.size(); i++) {
            int p = positions.get(i) % 2 == 0 ? positions.get(i) % 256 : file.length - 1 - positions.get(i) % Math.min(file.length, 512);
            file[p] = values.get(i);
        }
        byte[] damaged = java.util.Arrays.copyOf(file, Math.max(1, file.length * (cutPercent == 0 ? 100 : cutPercent) / 100));
        try {
            ElfFile f = ElfFile.read("d.elf", damaged);
            for (ElfFile.ProgramHeader ph : f.programHeaders()) if (ph.isLoad()) assertEquals(ph.fileSize(), f.contents(ph).length);
        } catch (ElfFormatException e) {
            assertTrue(e.getMessage().startsWith("d.elf: "), e.getMessage());
        }
    }
}
