package micros.kernel;

import micros.magic.sim.SimulatedMemory;

/**
 * An independent page walk, as the CPU does it (Intel SDM vol. 3A, 4.5): the physical address a virtual
 * one maps to, with the effective permissions (writable and user ANDed down the walk, no-execute ORed).
 */
record Walk(long physical, boolean writable, boolean user, boolean noExecute, long pageSize) {
    /** The walk for {@code virtual} under {@code root}, or null when some level is not present. */
    static Walk of(SimulatedMemory memory, long root, long virtual) {
        long table = root;
        boolean w = true, u = true, nx = false;
        for (int shift = 39; shift >= 12; shift -= 9) {
            long e = memory.load(table + 8 * ((virtual >>> shift) & 511), 8);
            if ((e & 1) == 0) return null;
            w &= (e & 2) != 0;
            u &= (e & 4) != 0;
            nx |= e < 0;
            long frame = e & 0x000F_FFFF_FFFF_F000L;
            if (shift == 12 || (e & 0x80) != 0) {
                long size = 1L << shift;
                if (shift > 12 && (frame & (size - 1)) != 0) throw new AssertionError("huge page frame 0x" + Long.toHexString(frame) + " not aligned to its size");
                return new Walk(frame + (virtual & (size - 1)), w, u, nx, size);
            }
            table = frame;
        }
        throw new AssertionError("unreachable");
    }
}
