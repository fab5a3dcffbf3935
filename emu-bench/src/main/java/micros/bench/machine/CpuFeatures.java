package micros.bench.machine;

import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

/**
 * What the emulated CPU model reports through CPUID, read by running {@code cpuid} in the engine, so the answer is
 * the emulator's, not a table's: what {@code --cpu help} lists, and what the page walk's reserved bits depend on
 * (1 GiB pages, MAXPHYADDR), as on a CPU.
 */
public record CpuFeatures(boolean longMode, boolean nx, boolean gibPages, boolean syscall, boolean x2apic, int physicalAddressBits) {
    /** CPUID leaf 1: ECX x2APIC, EDX PAE. Leaf 0x80000001 EDX: SYSCALL/SYSRET, NX, 1 GiB pages, long mode. Leaf 0x80000008 EAX[7:0]: MAXPHYADDR. */
    static final int LEAF_FEATURES = 1, LEAF_EXTENDED_MAX = 0x8000_0000, LEAF_EXTENDED_FEATURES = 0x8000_0001, LEAF_ADDRESS_SIZES = 0x8000_0008;
    static final int ECX_X2APIC = 1 << 21, EDX_PAE = 1 << 6;
    static final int EDX_SYSCALL = 1 << 11, EDX_NX = 1 << 20, EDX_PAGE_1GB = 1 << 26, EDX_LONG_MODE = 1 << 29;

    /** Scratch in the BIOS area (reserved in the memory map), cleared afterwards. */
    private static final long CODE = 0xF_8000;
    private static final byte[] CPUID = {0x0F, (byte) 0xA2};

    /** Runs CPUID in a fresh engine of {@code model}. */
    public static CpuFeatures of(CpuModel model) {
        try (Unicorn uc = Unicorn.open()) {
            uc.setCpuModel(model.unicornId());
            uc.map(CODE, 0x1000, X86.PROT_ALL);
            return probe(uc);
        }
    }

    /** Runs CPUID in {@code uc}, before the kernel is loaded. */
    static CpuFeatures probe(Unicorn uc) {
        uc.write(CODE, CPUID);
        int[] leaf1 = cpuid(uc, LEAF_FEATURES);
        // A leaf past the highest one the CPU has returns another leaf's values: read each only when it exists.
        int maxExtended = cpuid(uc, LEAF_EXTENDED_MAX)[0];
        int edx = has(maxExtended, LEAF_EXTENDED_FEATURES) ? cpuid(uc, LEAF_EXTENDED_FEATURES)[3] : 0;
        // Without leaf 0x80000008, MAXPHYADDR is 36 with PAE and 32 without (SDM vol. 3, 4.1.4).
        int physicalBits = has(maxExtended, LEAF_ADDRESS_SIZES) ? cpuid(uc, LEAF_ADDRESS_SIZES)[0] & 0xFF : (leaf1[3] & EDX_PAE) != 0 ? 36 : 32;
        uc.write(CODE, new byte[CPUID.length]);
        return new CpuFeatures((edx & EDX_LONG_MODE) != 0, (edx & EDX_NX) != 0, (edx & EDX_PAGE_1GB) != 0, (edx & EDX_SYSCALL) != 0,
                (leaf1[2] & ECX_X2APIC) != 0, physicalBits);
    }

    private static boolean has(int maxExtended, int leaf) { return Integer.compareUnsigned(maxExtended, leaf) >= 0; }

    /** EAX, EBX, ECX, EDX of CPUID {@code leaf} (subleaf 0). */
    private static int[] cpuid(Unicorn uc, int leaf) {
        uc.setReg(X86.RAX, leaf & 0xFFFF_FFFFL);
        uc.setReg(X86.RCX, 0);
        uc.start(CODE, CODE + CPUID.length, 0);
        return new int[] {(int) uc.reg(X86.RAX), (int) uc.reg(X86.RBX), (int) uc.reg(X86.RCX), (int) uc.reg(X86.RDX)};
    }
}
