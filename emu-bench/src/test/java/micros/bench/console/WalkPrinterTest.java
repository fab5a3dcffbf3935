package micros.bench.console;

import micros.bench.machine.X86Bits;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The walk as the console prints it in each paging mode, over page tables built here by hand. */
class WalkPrinterTest {
    static final long PG = X86Bits.CR0_PG | X86Bits.CR0_ET | X86Bits.CR0_PE, CR4_PSE = X86Bits.CR4_PSE, CR4_PAE = X86Bits.CR4_PAE,
            EFER_LMA = X86Bits.EFER_LME | X86Bits.EFER_LMA;

    /** 1 MiB of guest memory holding page tables at fixed frames. */
    final ByteBuffer memory = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

    String walk(long cr0, long cr3, long cr4, long efer, long virtual) {
        return WalkPrinter.print(cr0, cr3, cr4, efer, virtual, a -> memory.getLong((int) a));
    }

    @Test
    void pagingOff() {
        assertEquals("paging is off: physical = virtual 0xabc", walk(0x11, 0x1000, 0, 0, 0xabc));
    }

    @Test
    void thirtyTwoBitPagingHasFourByteEntriesAndTenIndexBits() {
        memory.putInt(0x1000 + 4 * 1, 0x2027).putInt(0x2000 + 4 * 3, 0x5063);
        assertEquals("""
                cr3 0x1000 (32-bit paging)
                PDE   [   1] 00002027 P RW US A -> 0x2000
                PTE   [   3] 00005063 P RW S A D -> 0x5000
                physical 0x5123""", walk(PG, 0x1000, 0, 0, 0x0040_3123));
        // A 4 MiB page with CR4.PSE; PSE-36 puts physical address bit 32 in entry bit 13.
        memory.putInt(0x1000 + 4 * 768, 0x0080_2183);
        assertEquals("""
                cr3 0x1000 (32-bit paging)
                PDE   [ 768] 00802183 P RW S G 4M -> 0x100800000
                physical 0x100923456""", walk(PG, 0x1000, CR4_PSE, 0, 0xC012_3456L));
        assertEquals("""
                cr3 0x1000 (32-bit paging)
                PDE   [   2] 00000000 not present
                not mapped: PDE not present""", walk(PG, 0x1000, CR4_PSE, 0, 0x0080_0000));
    }

    @Test
    void paePagingStartsAtAFourEntryPdpt() {
        long cr3 = 0x3020; // only 32-byte aligned
        memory.putLong((int) cr3 + 8 * 2, 0x4001).putLong(0x4000 + 8, 0x5007).putLong(0x5000 + 8, 0x8000_0000_0006_0021L);
        assertEquals("""
                cr3 0x3020 (PAE paging)
                PDPTE [  2] 0000000000004001 P -> 0x4000
                PDE   [  1] 0000000000005007 P RW US -> 0x5000
                PTE   [  1] 8000000000060021 P RO S A NX -> 0x60000
                physical 0x60abc""", walk(PG, cr3, CR4_PAE, 0, 0x8020_1abcL));
        // A 2 MiB page whose PAT bit (12) is not part of the address.
        memory.putLong((int) cr3, 0x6001).putLong(0x6000 + 8 * 2, 0x0020_10e3);
        assertEquals("""
                cr3 0x3020 (PAE paging)
                PDPTE [  0] 0000000000006001 P -> 0x6000
                PDE   [  2] 00000000002010e3 P RW S A D 2M -> 0x200000
                physical 0x200123""", walk(PG, cr3, CR4_PAE, 0, 0x0040_0123));
        assertEquals("""
                cr3 0x3020 (PAE paging)
                PDPTE [  1] 0000000000000000 not present
                not mapped: PDPTE not present""", walk(PG, cr3, CR4_PAE, 0, 0x4000_0000));
    }

    @Test
    void fourLevelPagingWithAGibibytePage() {
        memory.putLong(0x7000, 0x8003).putLong(0x8000 + 8 * 256, 0x4000_0083L);
        assertEquals("""
                cr3 0x7000 (4-level paging)
                PML4E [  0] 0000000000008003 P RW S -> 0x8000
                PDPTE [256] 0000000040000083 P RW S 1G -> 0x40000000
                physical 0x52345678""", walk(PG, 0x7000, CR4_PAE, EFER_LMA, 0x40_1234_5678L));
    }
}
