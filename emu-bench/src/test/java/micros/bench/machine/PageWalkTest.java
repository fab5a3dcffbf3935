package micros.bench.machine;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The bench's page walks for 32-bit, PAE and 4-level paging, against tables built here by hand. */
class PageWalkTest {
    static final long CR4_PSE = X86Bits.CR4_PSE, CR4_PAE = X86Bits.CR4_PAE, EFER_LMA = X86Bits.EFER_LMA;

    /** 1 MiB of guest memory holding page tables at fixed frames. */
    final ByteBuffer memory = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);

    long read64(long address) { return memory.getLong((int) address); }

    @Property(tries = 200)
    void thirtyTwoBitPaging(@ForAll @LongRange(max = 0xFFFF_FFFFL) long virtual, @ForAll @LongRange(max = 0xF_FFFF) long frame, @ForAll boolean large) {
        long cr3 = 0x1000, pt = 0x2000;
        int pdIndex = (int) (virtual >>> 22), ptIndex = (int) (virtual >>> 12) & 0x3FF;
        if (large) {
            memory.putInt((int) cr3 + 4 * pdIndex, (int) (frame << 22 & 0xFFC0_0000L | 0x83));
            PageWalk.Result r = PageWalk.translate(cr3, CR4_PSE, 0, virtual, this::read64);
            assertEquals((frame << 22 & 0xFFC0_0000L) | (virtual & 0x3F_FFFF), r.physical());
        } else {
            memory.putInt((int) cr3 + 4 * pdIndex, (int) (pt | 3));
            memory.putInt((int) pt + 4 * ptIndex, (int) (frame << 12 | 3));
            PageWalk.Result r = PageWalk.translate(cr3, 0, 0, virtual, this::read64);
            assertEquals(frame << 12 | (virtual & 0xFFF), r.physical());
            memory.putInt((int) pt + 4 * ptIndex, 0);
            assertEquals(1, PageWalk.translate(cr3, 0, 0, virtual, this::read64).missingLevel(), "a missing page-table entry");
        }
        memory.putInt((int) cr3 + 4 * pdIndex, 0);
        assertFalse(PageWalk.translate(cr3, CR4_PSE, 0, virtual, this::read64).present());
    }

    @Property(tries = 200)
    void paePaging(@ForAll @LongRange(max = 0xFFFF_FFFFL) long virtual, @ForAll @LongRange(max = 0xF_FFFF_FFFFL) long frame, @ForAll boolean large) {
        long cr3 = 0x1020, pd = 0x2000, pt = 0x3000; // PAE's PDPT is 32-byte aligned
        memory.putLong((int) cr3 + 8 * (int) (virtual >>> 30), pd | 1);
        int pdIndex = (int) (virtual >>> 21) & 511;
        long expected;
        if (large) {
            memory.putLong((int) pd + 8 * pdIndex, (frame << 21 & 0x000F_FFFF_FFE0_0000L) | 0x83);
            expected = (frame << 21 & 0x000F_FFFF_FFE0_0000L) | (virtual & 0x1F_FFFF);
        } else {
            memory.putLong((int) pd + 8 * pdIndex, pt | 3);
            memory.putLong((int) pt + 8 * ((int) (virtual >>> 12) & 511), frame << 12 | 3);
            expected = frame << 12 | (virtual & 0xFFF);
        }
        assertEquals(expected, PageWalk.translate(cr3, CR4_PAE, 0, virtual, this::read64).physical());
    }

    @Property(tries = 100)
    void longModeWalkIsTheFourLevelWalk(@ForAll @LongRange(max = 0xFFFF_FFFF_FFFFL) long virtual, @ForAll @LongRange(max = 0xF_FFFF_FFFFL) long frame) {
        long cr3 = 0x1000, pdpt = 0x2000, pd = 0x3000, pt = 0x4000;
        memory.putLong((int) cr3 + 8 * ((int) (virtual >>> 39) & 511), pdpt | 3);
        memory.putLong((int) pdpt + 8 * ((int) (virtual >>> 30) & 511), pd | 3);
        memory.putLong((int) pd + 8 * ((int) (virtual >>> 21) & 511), pt | 3);
        memory.putLong((int) pt + 8 * ((int) (virtual >>> 12) & 511), frame << 12 | 3);
        PageWalk.Result r = PageWalk.translate(cr3, CR4_PAE, EFER_LMA | X86Bits.EFER_LME, virtual, this::read64);
        assertEquals(frame << 12 | (virtual & 0xFFF), r.physical());
        assertEquals(r.physical(), PageWalk.translate(cr3, virtual, this::read64).physical());
    }
}
