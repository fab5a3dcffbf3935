package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

/**
 * What a CPU model offers a kernel, as its CPUID says: measured by running {@code cpuid} in an engine set to
 * that model, so the answer is the emulator's, not a table's.
 */
public record CpuFeatures(boolean longMode, boolean nx, boolean gigabytePages, boolean syscall, boolean x2apic) {
    /** CPUID leaf 1, ECX: x2APIC. Leaf 0x80000001, EDX: SYSCALL/SYSRET, NX (execute disable), 1 GiB pages, long mode. */
    static final int LEAF_FEATURES = 1, LEAF_EXTENDED_MAX = 0x8000_0000, LEAF_EXTENDED_FEATURES = 0x8000_0001;
    static final int ECX_X2APIC = 1 << 21;
    static final int EDX_SYSCALL = 1 << 11, EDX_NX = 1 << 20, EDX_PAGE_1GB = 1 << 26, EDX_LONG_MODE = 1 << 29;

    private static final long CODE = 0x1000;
    private static final byte[] CPUID = {0x0F, (byte) 0xA2};

    /** Runs CPUID in a fresh engine of {@code model}. */
    public static CpuFeatures of(CpuModel model) {
        try (Unicorn uc = Unicorn.open()) {
            uc.setCpuModel(model.unicornId());
            uc.map(CODE, 0x1000, X86.PROT_ALL);
            uc.write(CODE, CPUID);
            int[] leaf1 = cpuid(uc, LEAF_FEATURES);
            // A leaf past the highest one the CPU has returns another leaf's values: read it only when it exists.
            boolean hasExtended = Integer.compareUnsigned(cpuid(uc, LEAF_EXTENDED_MAX)[0], LEAF_EXTENDED_FEATURES) >= 0;
            int edx = hasExtended ? cpuid(uc, LEAF_EXTENDED_FEATURES)[3] : 0;
            return new CpuFeatures((edx & EDX_LONG_MODE) != 0, (edx & EDX_NX) != 0, (edx & EDX_PAGE_1GB) != 0,
                    (edx & EDX_SYSCALL) != 0, (leaf1[2] & ECX_X2APIC) != 0);
        }
    }

    /** EAX, EBX, ECX, EDX of CPUID {@code leaf} (subleaf 0). */
    private static int[] cpuid(Unicorn uc, int leaf) {
        uc.setReg(X86.RAX, leaf & 0xFFFF_FFFFL);
        uc.setReg(X86.RCX, 0);
        uc.start(CODE, CODE + CPUID.length, 1);
        return new int[] {(int) uc.reg(X86.RAX), (int) uc.reg(X86.RBX), (int) uc.reg(X86.RCX), (int) uc.reg(X86.RDX)};
    }
}
