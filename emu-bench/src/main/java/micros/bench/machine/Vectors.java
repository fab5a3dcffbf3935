package micros.bench.machine;

/** Names of the x86 exception vectors (Intel SDM vol. 3, table 6-1). */
public final class Vectors {
    private static final String[] NAMES = {"#DE divide error", "#DB debug", "NMI", "#BP breakpoint", "#OF overflow",
        "#BR bound range", "#UD invalid opcode", "#NM device not available", "#DF double fault", "coprocessor overrun",
        "#TS invalid TSS", "#NP segment not present", "#SS stack fault", "#GP general protection", "#PF page fault",
        "reserved", "#MF x87 error", "#AC alignment check", "#MC machine check", "#XM SIMD exception", "#VE virtualization",
        "#CP control protection"};

    private Vectors() {}

    public static String name(int vector) {
        return vector >= 0 && vector < NAMES.length ? NAMES[vector] : vector < 32 ? "reserved" : "interrupt";
    }

    /** Vectors for which the CPU pushes an error code. */
    public static boolean hasErrorCode(int vector) {
        return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21;
    }
}
