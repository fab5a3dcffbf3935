package micros.kernel;

import micros.magic.Cpu;
import micros.magic.Kernel;
import micros.magic.Memory;
import micros.magic.SystemCall;

/**
 * What happens on a trap: the boot code's stub pushed the vector (and a zero where the CPU pushes no error
 * code) and every general register, then called {@link #handle} with the frame's address. Timer ticks are
 * counted and acknowledged, a spurious interrupt is ignored, an APIC error and a breakpoint are reported and
 * return; a system call goes to {@link SystemCalls}; any other exception is reported in one COM1 line (vector name, error code, RIP, CR2 for a page
 * fault, the CPL and the address space) and the machine halts.
 */
public final class Traps {
    public static final int DIVIDE = 0, DEBUG = 1, NMI = 2, BREAKPOINT = 3, DOUBLE_FAULT = 8, PAGE_FAULT = 14;
    /** Stubs for vectors 0-31, then the APIC's timer, error and spurious vectors, then the system call gate. */
    public static final int STUBS = 36, EXCEPTIONS = 32;
    /** The frame, in 8-byte words from its start: 15 registers (r15 first), the vector, the error code, then what the CPU pushed. */
    public static final int VECTOR = 15, ERROR_CODE = 16, RIP = 17, CS = 18, RFLAGS = 19, RSP = 20, SS = 21;

    private Traps() {}

    public static int vectorOfStub(int stub) {
        if (stub < EXCEPTIONS) return stub;
        if (stub == EXCEPTIONS) return Interrupts.TIMER;
        if (stub == EXCEPTIONS + 1) return Interrupts.APIC_ERROR;
        if (stub == EXCEPTIONS + 2) return Interrupts.SPURIOUS;
        return SystemCall.VECTOR;
    }

    /** Whether the CPU pushes an error code for {@code vector} (SDM vol. 3A, table 6-1). */
    public static boolean hasErrorCode(int vector) {
        return vector == 8 || vector >= 10 && vector <= 14 || vector == 17 || vector == 21 || vector == 29 || vector == 30;
    }

    static long word(long frame, int index) { return Memory.read64(frame + 8L * index); }

    public static void handle(long frame) {
        long vector = word(frame, VECTOR);
        if (vector == SystemCall.VECTOR) {
            SystemCalls.handle(frame);
            return;
        }
        if (vector == Interrupts.TIMER) {
            Interrupts.ticks = Interrupts.ticks + 1;
            Interrupts.endOfInterrupt();
            return;
        }
        if (vector == Interrupts.SPURIOUS) return;
        if (vector == Interrupts.APIC_ERROR) {
            Kernel.log("micros: local APIC error, status ");
            Kernel.logHex(Interrupts.errorStatus());
            Kernel.log("\n");
            Interrupts.endOfInterrupt();
            return;
        }
        if (vector == BREAKPOINT) {
            Kernel.log("micros: breakpoint at rip ");
            Kernel.logHex(word(frame, RIP));
            Kernel.log("\n");
            return;
        }
        Kernel.log("micros: exception ");
        name((int) vector);
        Kernel.log(" (vector ");
        Console.decimal(vector);
        Kernel.log("), error code ");
        Kernel.logHex(word(frame, ERROR_CODE));
        Kernel.log(", rip ");
        Kernel.logHex(word(frame, RIP));
        Symbols.describe(word(frame, RIP));
        if (vector == PAGE_FAULT) {
            Kernel.log(", cr2 ");
            Kernel.logHex(Cpu.readCr2());
        }
        Kernel.log(", cpl ");
        Console.decimal(word(frame, CS) & 3);
        Kernel.log(", address space ");
        Kernel.logHex(Cpu.readCr3());
        Kernel.log("\n");
        Stop.failure = (word(frame, CS) & 3) == 3 ? ExitStatus.PROCESS_FAULT : ExitStatus.KERNEL_FAULT;
        Kernel.halt();
    }

    /** The vector's mnemonic and name (SDM vol. 3A, table 6-1). */
    static void name(int v) {
        switch (v) {
            case 0 -> Kernel.log("#DE divide error");
            case 1 -> Kernel.log("#DB debug");
            case 2 -> Kernel.log("NMI");
            case 3 -> Kernel.log("#BP breakpoint");
            case 4 -> Kernel.log("#OF overflow");
            case 5 -> Kernel.log("#BR bound range exceeded");
            case 6 -> Kernel.log("#UD invalid opcode");
            case 7 -> Kernel.log("#NM device not available");
            case 8 -> Kernel.log("#DF double fault");
            case 9 -> Kernel.log("coprocessor segment overrun");
            case 10 -> Kernel.log("#TS invalid TSS");
            case 11 -> Kernel.log("#NP segment not present");
            case 12 -> Kernel.log("#SS stack-segment fault");
            case 13 -> Kernel.log("#GP general protection");
            case 14 -> Kernel.log("#PF page fault");
            case 16 -> Kernel.log("#MF x87 floating-point error");
            case 17 -> Kernel.log("#AC alignment check");
            case 18 -> Kernel.log("#MC machine check");
            case 19 -> Kernel.log("#XM SIMD floating-point");
            case 20 -> Kernel.log("#VE virtualization");
            case 21 -> Kernel.log("#CP control protection");
            case 28 -> Kernel.log("#HV hypervisor injection");
            case 29 -> Kernel.log("#VC VMM communication");
            case 30 -> Kernel.log("#SX security");
            default -> Kernel.log("reserved");
        }
    }
}
