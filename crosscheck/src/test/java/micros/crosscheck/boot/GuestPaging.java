package micros.crosscheck.boot;

import micros.bench.machine.Machine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a booted machine's four-level page tables from Java, independently of the kernel's code: every
 * table frame and every leaf (virtual range, physical frame, effective user/writable/no-execute, as the CPU
 * combines them down the walk). Tables are read at their physical addresses.
 */
final class GuestPaging {
    record Leaf(long virtual, long physical, long size, boolean user, boolean writable, boolean noExecute) {
        long end() { return virtual + size; }
    }

    final List<Long> tables = new ArrayList<>();
    final List<Leaf> leaves = new ArrayList<>();
    /** Leaves by virtual address, the sign bit flipped so that signed order is unsigned order. */
    private final java.util.TreeMap<Long, Leaf> byAddress = new java.util.TreeMap<>();
    private final Machine m;

    GuestPaging(Machine m, long root) {
        this.m = m;
        walk(root, 4, 0, true, true, false);
    }

    /** Reads physical memory: tables and frames are physical addresses, whatever the current address space maps. */
    long read64(long address) { return m.readPhysical64(address); }

    private void walk(long table, int level, long base, boolean user, boolean writable, boolean noExecute) {
        tables.add(table);
        byte[] bytes = m.readPhysical(table, 4096);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int shift = 12 + 9 * (level - 1);
        for (int k = 0; k < 512; k++) {
            long e = b.getLong(8 * k);
            if ((e & 1) == 0) continue;
            long v = base + ((long) k << shift);
            if (level == 4 && k >= 256) v |= 0xFFFF_0000_0000_0000L;  // sign-extend the upper half
            boolean u = user && (e & 4) != 0, w = writable && (e & 2) != 0, nx = noExecute || e < 0;
            long frame = e & 0x000F_FFFF_FFFF_F000L;
            if (level == 1 || (e & 0x80) != 0) {
                Leaf l = new Leaf(v, frame, 1L << shift, u, w, nx);
                leaves.add(l);
                byAddress.put(v ^ Long.MIN_VALUE, l);
            }
            else walk(frame, level - 1, v, u, w, nx);
        }
    }

    /** The leaf mapping {@code virtual}, or null. */
    Leaf leaf(long virtual) {
        var e = byAddress.floorEntry(virtual ^ Long.MIN_VALUE);
        if (e == null) return null;
        Leaf l = e.getValue();
        return Long.compareUnsigned(virtual - l.virtual(), l.size()) < 0 ? l : null;
    }
}
