package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

/**
 * What the emulated CPU model reports through CPUID, read once by running {@code cpuid} before the kernel
 * is loaded: the page walk's reserved bits depend on it (1 GiB pages, MAXPHYADDR), as on a CPU.
 */
record CpuFeatures(boolean nx, boolean syscall, boolean gibPages, int physicalAddressBits) {
    /** Scratch in the BIOS area (reserved in the memory map), cleared afterwards. */
    private static final long CODE = 0xF_8000;

    static CpuFeatures probe(Unicorn uc) {
        uc.write(CODE, new byte[] {0x0F, (byte) 0xA2}); // cpuid
        long edx = cpuid(uc, 0x8000_0001L)[3], eax = cpuid(uc, 0x8000_0008L)[0];
        uc.write(CODE, new byte[2]);
        return new CpuFeatures((edx & 1L << 20) != 0, (edx & 1L << 11) != 0, (edx & 1L << 26) != 0, (int) (eax & 0xFF));
    }

    private static long[] cpuid(Unicorn uc, long leaf) {
        uc.setReg(X86.RAX, leaf);
        uc.setReg(X86.RCX, 0);
        uc.start(CODE, CODE + 2, 0);
        return new long[] {uc.reg(X86.RAX), uc.reg(X86.RBX), uc.reg(X86.RCX), uc.reg(X86.RDX)};
    }
}
