package micros.crosscheck.corpus;

import micros.magic.Memory;

/**
 * Memory through {@link Memory} in a scratch area: every width, address arithmetic that memory operands
 * absorb (register plus offset, negative and folded offsets, locals in frame slots), reads compared in
 * memory or loaded straight into locals. Each method writes what it reads, so calls are independent.
 */
public final class Pointers {
    /** Free RAM in the bench (above the kernel, below the frame allocator tests' regions); the JVM simulates it. */
    static final long BASE = 0x700000;

    private Pointers() {}

    private static long slot(int i) { return BASE + 8L * (i & 15); }

    public static long roundTrip(long v, int i) {
        long at = slot(i);
        Memory.write64(at, v);
        Memory.write32(at + 8, (int) v);
        return Memory.read64(at) + Memory.read32(at + 8) + Memory.read8(at + 3) + Memory.read16(at + 6);
    }

    public static int narrowWrites(int v) {
        Memory.write64(BASE, -1L);
        Memory.write8(BASE + 1, v);
        Memory.write16(BASE + 4, v >> 3);
        return Memory.read32(BASE) ^ Memory.read32(BASE + 4);
    }

    public static long compares(long v, int w) {
        long at = BASE + 16;
        Memory.write64(at, v);
        Memory.write32(at + 8, w);
        Memory.write8(at + 12, w);
        Memory.write16(at + 14, w);
        long r = 0;
        if (Memory.read32(at + 8) == 0) r += 1;
        if (Memory.read32(at + 8) < 0) r += 2;
        if (Memory.read32(at + 8) > 7) r += 4;
        if (Memory.read64(at) == 0) r += 8;
        if (Memory.read64(at) < -5) r += 16;
        if (Memory.read8(at + 12) != 0) r += 32;
        if (Memory.read8(at + 12) > 100) r += 64;
        if (Memory.read16(at + 14) == 0) r += 128;
        if (Memory.read32(at + 8) >= 3) r += 256;
        if (Memory.read16(at + 14) > 0) r += 512;
        return r;
    }

    /** A linked list in memory: nodes addressed through locals plus offsets. */
    public static long list(int n) {
        long head = BASE + 256;
        Memory.write64(head, 0);
        for (int i = 1; i <= (n & 15); i++) {
            long node = head + 16L * i;
            Memory.write64(node + 8, Memory.read64(head));
            Memory.write64(node, i * 3L);
            Memory.write64(head, node);
        }
        long sum = 0;
        long p = Memory.read64(head);
        while (p != 0) {
            sum = sum * 7 + Memory.read64(p);
            p = Memory.read64(p + 8);
        }
        return sum;
    }

    public static long offsets(long a, int k) {
        long at = BASE + 512 + (a & 0xff);
        Memory.write64(at - 8 + 16, a);
        Memory.write32(at + 0x7f0 - 0x7f0, k);
        long x = at + 5;
        x = x - 5;
        return Memory.read64(at + 8) + Memory.read32(x) + (at + 3 - at);
    }

    public static int readsIntoLocals(int v) {
        Memory.write32(BASE + 40, v);
        int a = Memory.read32(BASE + 40);
        Memory.write32(BASE + 40, v + 1);
        int b = Memory.read32(BASE + 40);
        Memory.write32(BASE + 40, a * b);
        return a - b + Memory.read32(BASE + 40);
    }

    /** More locals than registers: addresses in frame slots, plus offsets through rdi. */
    public static long manyLocals(long a, long b, long c) {
        long p = BASE + 1024, q = p + 64, r = q + 64, s = r + 64, t = s + 64, u = t + 64;
        Memory.write64(u + 8, a);
        Memory.write64(t + 16, b);
        Memory.write32(s - 4, (int) c);
        Memory.write64(u, Memory.read64(t + 16) + Memory.read32(s - 4));
        return Memory.read64(u + 8) * 3 + Memory.read64(u) + (p ^ q ^ r);
    }

    /** Past the nine registers: offsets from locals in frame slots, kept on the stack across an lcmp and its branch. */
    public static long slotOffsets(long a, long b, int k) {
        long l0 = a + 1, l1 = b + 2, l2 = a ^ b, l3 = a - b, l4 = a * 3, l5 = b * 5, l6 = l0 + l1;
        long p = BASE + 2048 + 64L * (k & 7), q = p + 8;
        Memory.write64(q + 16, a < b ? l2 : l3);
        Memory.write64(p + 8, l4 > l5 ? p : q);
        return Memory.read64(q + 16) + Memory.read64(p + 8) + l0 + l1 + l6 + (a == b ? 1 : 0);
    }

    private static long copyVia(long from, long to, long n) {
        long t = n & 31;
        Memory.copy(to, from, t);
        return Memory.read64(to) + t + n;
    }

    /** An inlined body whose locals get rsi (the caller's take r8-r12) around Memory.copy, which saves it. */
    public static long copies(long a, long b, long c, long d) {
        long at = BASE + 4096;
        Memory.write64(at, a);
        Memory.write64(at + 8, b);
        Memory.write64(at + 64, 0);
        Memory.write64(at + 72, 0);
        long r = copyVia(at, at + 64, c + 16);
        return r + d + Memory.read64(at + 72);
    }

    /**
     * A copy within one 64-byte pattern, its destination {@code shift % 12} bytes from its source either way
     * (overlapping or not), {@code n & 63} bytes long: eight bytes a move and the rest one at a time must
     * agree with a byte-for-byte memmove, the overlap included.
     */
    public static long overlappingCopy(int shift, long n) {
        long at = BASE + 8192;
        for (int i = 0; i < 160; i += 8) Memory.write64(at + i, 0x0807_0605_0403_0201L + i * 0x0808_0808_0808_0808L);
        long length = n & 63;
        Memory.copy(at + 48 + shift % 12, at + 48, length);
        return Memory.read64(at + 40) ^ Memory.read64(at + 48) ^ Memory.read64(at + 104) ^ length;
    }
}
