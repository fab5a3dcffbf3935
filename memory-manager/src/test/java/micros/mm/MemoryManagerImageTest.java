package micros.mm;

import micros.asm.ElfFile;
import micros.asm.ElfSegment;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** memory_manager.elf as the build leaves it, read back as a kernel's ELF loader reads it. */
class MemoryManagerImageTest {
    static final Path ELF = Path.of("target/memory_manager.elf");

    @Test
    void linkedHighWithTheEntryFirstAndNoWritableCode() throws Exception {
        ElfFile elf = ElfFile.read(ELF.toString(), Files.readAllBytes(ELF));
        assertEquals(MemoryManagerImage.LINK_ADDRESS, elf.entry(), "the entry is the first byte of the image");
        int loads = 0;
        for (ElfFile.ProgramHeader ph : elf.programHeaders()) {
            if (!ph.isLoad()) continue;
            loads++;
            assertTrue(Long.compareUnsigned(ph.vaddr(), MemoryManagerImage.LINK_ADDRESS) >= 0 && ph.vaddr() + ph.memSize() < MemoryManagerImage.LINK_ADDRESS + (1L << 30),
                    "segment at 0x" + Long.toHexString(ph.vaddr()) + " within the first GiB above the link address");
            assertEquals(0, ph.vaddr() % 4096, "segments start on a page");
            assertEquals(ph.vaddr() % 4096, ph.offset() % 4096, "file offset and address agree modulo the page size");
            assertTrue((ph.flags() & ElfSegment.W) == 0 || (ph.flags() & ElfSegment.X) == 0, "no segment is both writable and executable");
        }
        assertEquals(3, loads, "code, read-only data, data");
        long start = elf.symbols().stream().filter(s -> s.name().equals("micros.mm.MemoryManager.start")).findFirst().orElseThrow().address();
        ElfFile.ProgramHeader code = elf.programHeaders().getFirst();
        ByteBuffer entry = ByteBuffer.wrap(elf.data(), (int) code.offset(), 5).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xE8, entry.get() & 0xFF, "the entry begins with a call");
        assertEquals(start, elf.entry() + 5 + entry.getInt(), "the entry calls MemoryManager.start");
    }
}
