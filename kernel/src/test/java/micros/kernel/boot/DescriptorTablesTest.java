package micros.kernel.boot;

import micros.asm.ElfFile;
import micros.kernel.Descriptors;
import micros.kernel.KernelStacks;
import micros.kernel.Traps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The descriptor tables as the built micros.elf holds them, decoded field by field as the SDM lays them out
 * (vol. 3A, 6.14.1 gates, 7.2.3 the TSS descriptor, 7.7 the 64-bit TSS): what the kernel loads without a store.
 */
class DescriptorTablesTest {
    static ElfFile elf;

    @BeforeAll
    static void read() throws Exception { elf = ElfFile.read(KernelImageTest.ELF.toString(), Files.readAllBytes(KernelImageTest.ELF)); }

    static long symbol(String name) { return elf.symbols().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().address(); }

    /** The little-endian value of {@code size} bytes at virtual {@code address}, from the file (zero past a segment's file bytes). */
    static long read(long address, int size) {
        for (ElfFile.ProgramHeader ph : elf.programHeaders()) {
            if (!ph.isLoad() || address < ph.vaddr() || address + size > ph.vaddr() + ph.memSize()) continue;
            long v = 0;
            for (int k = 0; k < size; k++) {
                long at = address + k - ph.vaddr();
                long b = at < ph.fileSize() ? elf.data()[(int) (ph.offset() + at)] & 0xFF : 0;
                v |= b << 8 * k;
            }
            return v;
        }
        throw new AssertionError(String.format("0x%x is in no loaded segment", address));
    }

    @Test
    void everyStubHasItsGateAndEveryOtherVectorNone() {
        long idt = symbol(DescriptorTables.IDT);
        Map<Integer, Long> handlers = new HashMap<>();
        for (int s = 0; s < Traps.STUBS; s++) handlers.put(Traps.vectorOfStub(s), symbol(KernelEntry.stub(Traps.vectorOfStub(s))));
        assertEquals(Traps.STUBS, handlers.size(), "one stub a vector");
        for (int v = 0; v < Descriptors.IDT_ENTRIES; v++) {
            long gate = idt + 16L * v;
            String which = "vector " + v;
            Long handler = handlers.get(v);
            if (handler == null) {
                assertEquals(0, read(gate, 8) | read(gate + 8, 8), which + ": no gate (not present)");
                continue;
            }
            long offset = read(gate, 2) | read(gate + 6, 2) << 16 | read(gate + 8, 4) << 32;
            assertEquals(handler, offset, which + ": its stub");
            assertEquals(Descriptors.KERNEL_CODE, read(gate + 2, 2), which + ": kernel code");
            assertEquals(v == Traps.DOUBLE_FAULT ? 1 : v == Traps.NMI ? 2 : 0, read(gate + 4, 1), which + ": IST");
            long type = read(gate + 5, 1);
            assertEquals(0xE, type & 0xF, which + ": a 64-bit interrupt gate");
            assertEquals(v == Traps.BREAKPOINT || v == 0x80 ? 3 : 0, type >> 5 & 3, which + ": DPL");
            assertEquals(1, type >> 7, which + ": present");
            assertEquals(0, read(gate + 12, 4), which + ": reserved");
        }
    }

    @Test
    void theTssHasItsStacksAndNoIoMapAndTheGdtDescribesIt() {
        long tss = symbol(DescriptorTables.TSS), gdt = symbol(DescriptorTables.GDT);
        assertEquals(KernelStacks.KERNEL_TOP, read(tss + 4, 8), "RSP0: the kernel stack");
        assertEquals(KernelStacks.DOUBLE_FAULT_TOP, read(tss + 36, 8), "IST1: the double fault's stack");
        assertEquals(KernelStacks.NMI_TOP, read(tss + 44, 8), "IST2: the NMI's stack");
        assertEquals(104, read(tss + 102, 2), "the I/O map base at the limit: no map");
        for (int i = 0; i < 5; i++) assertEquals(Descriptors.SEGMENTS[i], read(gdt + 8L * i, 8), "segment " + i);
        long d = gdt + Descriptors.TSS_SELECTOR;
        assertEquals(103, read(d, 2) | (read(d + 6, 1) & 0xF) << 16, "TSS limit");
        assertEquals(tss, read(d + 2, 3) | read(d + 7, 1) << 24 | read(d + 8, 4) << 32, "TSS base");
        assertEquals(0x89, read(d + 5, 1), "present, DPL 0, an available 64-bit TSS");
        assertEquals(0, read(d + 12, 4), "reserved");
    }

    @Test
    void thePseudoDescriptorsNameBothTablesWhole() {
        long gdtPointer = symbol(DescriptorTables.GDT_POINTER), idtPointer = symbol(DescriptorTables.IDT_POINTER);
        assertEquals(7 * 8 - 1, read(gdtPointer, 2));
        assertEquals(symbol(DescriptorTables.GDT), read(gdtPointer + 2, 8));
        assertEquals(256 * 16 - 1, read(idtPointer, 2));
        assertEquals(symbol(DescriptorTables.IDT), read(idtPointer + 2, 8));
    }
}
