package micros.bench.machine;

import micros.bench.disasm.Disassembler;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.UnicornException;
import micros.bench.unicorn.X86;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Delivers an exception or interrupt through the kernel's own IDT, as the CPU would in 64-bit mode
 * (Intel SDM vol. 3, 6.14): Unicorn only reports the vector, so the bench reads the gate, switches to the
 * gate's IST stack if it names one, pushes SS, RSP, RFLAGS, CS, RIP (and the error code for the vectors
 * that have one), clears IF for interrupt gates, and jumps to the handler. In 32-bit protected mode it
 * does the same with 8-byte gates and EFLAGS, CS, EIP, in ring 0 only. A fault while delivering
 * becomes a double fault; a fault while delivering that is a triple fault.
 */
final class InterruptDelivery {
    /** Why a vector could not be delivered, and the exception the CPU raises for it (with its error code, CR2). */
    static final class Failure extends Exception {
        final int vector;
        final long errorCode, address;

        Failure(String why, int vector, long errorCode, long address) {
            super(why);
            this.vector = vector;
            this.errorCode = errorCode;
            this.address = address;
        }
    }

    /** What raised a vector: the program (int n, int3), the CPU (an exception), or a device. */
    enum Source { SOFTWARE, EXCEPTION, EXTERNAL }

    private final Machine m;
    private final Unicorn uc;
    /** A vector Unicorn reported and the bench has yet to deliver, or -1; its error code and CR2. */
    private int raised = -1;
    private long raisedError, raisedCr2;
    private boolean raisedExternal;
    /** A #PF from Unicorn's MMU: its error code is worked out when it is delivered, outside Unicorn's callback. */
    private boolean raisedPageFault;
    private long faultRip;
    private final PrivilegeSwitch privilege;

    InterruptDelivery(Machine machine, PrivilegeSwitch privilege) {
        this.m = machine;
        this.uc = machine.engine();
        this.privilege = privilege;
    }

    /** An interrupt from a device (the APIC): no error code, and the gate's DPL does not apply. */
    void raiseExternal(int vector) {
        raise(vector, 0, 0);
        raisedExternal = true;
    }

    /** A page fault Unicorn's MMU raised at {@code rip}: Unicorn gives CR2 but not the error code. */
    void raisePageFault(long cr2, long rip) {
        raise(14, 0, cr2);
        raisedPageFault = true;
        faultRip = rip;
    }

    void raise(int vector, long errorCode, long cr2) {
        raisedExternal = false;
        raisedPageFault = false;
        raised = vector;
        raisedError = errorCode;
        raisedCr2 = cr2;
    }

    boolean pending() { return raised >= 0; }

    int vector() { return raised; }

    void clear() { raised = -1; }

    /**
     * Delivers the pending vector through the kernel's IDT as the CPU does (Intel SDM vol. 3, 6.15): a
     * delivery that faults raises that fault (#GP or #NP with the IDT error code for a bad gate, #PF for a
     * stack it cannot push to); two contributory faults, or a page fault and a contributory fault or another
     * page fault, make a double fault instead; a fault delivering the double fault is a triple fault. Returns
     * why the machine must stop, or null when a handler is next.
     */
    StopReason deliverPending() {
        int vector = raised;
        // Unicorn leaves RIP where the handler must return: at a fault, after int3/int n.
        long rip = uc.reg(X86.RIP);
        // (m.describe(rip) disassembles: only for the reports; a failed delivery leaves the registers as they were)
        if (m.mode() != 64 && m.cpl() != 0) // what the bench cannot deliver stops the run, reported as such
            return new StopReason.UnhandledException(vector, rip, m.describe(rip) + " (not delivered: the bench changes privilege in 64-bit mode only)");
        int length = raisedExternal ? 0 : softwareInterruptLength(vector, rip);
        Source source = raisedExternal ? Source.EXTERNAL : length > 0 ? Source.SOFTWARE : Source.EXCEPTION;
        // A fault raised while delivering returns to the instruction that caused the event (the int itself).
        long returnRip = rip, instruction = rip - length, cr2 = raisedCr2;
        long error = raisedPageFault ? pageFaultError(cr2, faultRip) : raisedError;
        java.util.List<String> vectors = new java.util.ArrayList<>(), reasons = new java.util.ArrayList<>();
        while (true) {
            vectors.add(String.valueOf(vector));
            try {
                deliver(vector, returnRip, error, source);
                if (vector == 14) uc.setReg(X86.CR2, cr2); // after the privilege switch, which restores the old CR2
                m.traceNote(vector, source == Source.EXTERNAL, error);
                return null;
            } catch (Failure f) {
                reasons.add(f.getMessage());
                if (vector == 8) return new StopReason.TripleFault(String.join(", ", vectors), String.join("; then ", reasons), rip, m.describe(rip));
                boolean doubled = source == Source.EXCEPTION && (contributory(vector) && contributory(f.vector)
                        || vector == 14 && (contributory(f.vector) || f.vector == 14));
                vector = doubled ? 8 : f.vector;
                error = doubled ? 0 : f.errorCode;
                cr2 = f.address;
                source = Source.EXCEPTION;
                returnRip = instruction;
            }
        }
    }

    /** #DE, #TS, #NP, #SS, #GP: the exceptions that make a double fault in pairs (SDM table 6-4). */
    private static boolean contributory(int vector) { return vector == 0 || vector >= 10 && vector <= 13; }

    /**
     * The page-fault error code (SDM 4.7) for a fault at {@code address} raised by the instruction at {@code rip},
     * from the bench's walk and the instruction: P unless an entry was not present (a reserved bit counts as
     * present, with RSVD); U in ring 3; I for a fetch with NX paging on; W for a write, which an instruction that
     * reads the address first makes only when the read is allowed (the read faults first otherwise, as in QEMU).
     */
    long pageFaultError(long address, long rip) {
        long cr3 = uc.reg(X86.CR3), cr4 = uc.reg(X86.CR4), efer = uc.msr(X86.MSR_EFER);
        boolean user = m.cpl() == 3;
        boolean fetch = address == rip || Long.compareUnsigned(address - rip, 16) < 0 && (address & 0xFFF) == 0;
        PageWalk.Result walk = PageWalk.translate(cr3, cr4, efer, address, uc::read64);
        boolean longMode = (efer & X86Bits.EFER_LMA) != 0;
        boolean reserved = longMode && ReservedBits.level(cr3, address, (efer & X86Bits.EFER_NXE) != 0, m.cpuFeatures(), uc::read64) != 0;
        boolean present = reserved || walk.present();
        boolean readable = present && !reserved && (!user || java.util.Arrays.stream(walk.entries()).allMatch(e -> e == 0 || (e & X86Bits.PTE_U) != 0));
        Disassembler.MemoryAccess access = fetch ? new Disassembler.MemoryAccess(false, false) : m.memoryAccess(rip);
        boolean write = access.writes() && (!access.reads() || readable);
        boolean nxPaging = (cr4 & X86Bits.CR4_PAE) != 0 && (efer & X86Bits.EFER_NXE) != 0;
        return (present ? X86Bits.PF_P : 0) | (write ? X86Bits.PF_W : 0) | (user ? X86Bits.PF_U : 0) | (reserved ? X86Bits.PF_RSVD : 0)
                | (fetch && nxPaging ? X86Bits.PF_I : 0);
    }

    /**
     * Delivers {@code vector} raised at {@code rip}; {@code returnRip} is where the handler's iretq goes back
     * to (the next instruction for int n/int3, the faulting one for faults).
     */
    void deliver(int vector, long returnRip, long errorCode, Source source) throws Failure {
        long idtError = vector * 8L + 2 + (source == Source.SOFTWARE ? 0 : 1); // the IDT flag, and EXT unless int n
        boolean long64 = m.mode() == 64;
        int cpl = m.cpl(), gateSize = long64 ? 16 : 8, slot = long64 ? 8 : 4;
        Unicorn.TableRegister idtr = uc.tableRegister(X86.IDTR);
        if ((long) vector * gateSize + gateSize - 1 > (idtr.limit() & 0xFFFF)) throw new Failure("vector " + vector + " is past the IDT limit 0x" + Integer.toHexString(idtr.limit()), 13, idtError, 0);
        ByteBuffer gate = ByteBuffer.wrap(read(idtr.base() + (long) gateSize * vector, gateSize)).order(ByteOrder.LITTLE_ENDIAN);
        long handler = (gate.getShort(0) & 0xFFFFL) | (gate.getShort(6) & 0xFFFFL) << 16 | (long64 ? (gate.getInt(8) & 0xFFFF_FFFFL) << 32 : 0);
        int selector = gate.getShort(2) & 0xFFFF, ist = long64 ? gate.get(4) & 7 : 0, attributes = gate.get(5) & 0xFF, type = attributes & 0xF;
        // The order of the SDM's INT pseudocode: the gate's type, then its DPL (int n only), then its present bit,
        // so an all-zero gate is #GP, not #NP.
        if (type != 0xE && type != 0xF) throw new Failure("the IDT gate for vector " + vector + " has type " + type + ", not a " + (long64 ? "64" : "32") + "-bit interrupt or trap gate", 13, idtError, 0);
        int dpl = attributes >> 5 & 3;
        if (source == Source.SOFTWARE && cpl > dpl)
            throw new Failure("int " + vector + " from ring " + cpl + " through a gate of DPL " + dpl, 13, idtError, 0);
        if ((attributes & 0x80) == 0) throw new Failure("the IDT gate for vector " + vector + " is not present", 11, idtError, 0);
        // 64-bit mode always pushes SS:RSP and aligns the stack; 32-bit mode at the same privilege pushes neither.
        long rsp = uc.reg(X86.RSP), tss = uc.tableRegister(X86.TR).base();
        if (ist != 0) rsp = ByteBuffer.wrap(read(tss + 0x24 + 8L * (ist - 1), 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        else if (cpl != 0) rsp = ByteBuffer.wrap(read(tss + 4, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong(); // TSS.RSP0
        if (long64) rsp &= ~0xFL;
        long flags = uc.reg(X86.EFLAGS);
        boolean pushError = Vectors.hasErrorCode(vector) && source == Source.EXCEPTION;
        long[] frame = long64
                ? new long[] {errorCode, returnRip, uc.reg(X86.CS), flags, uc.reg(X86.RSP), uc.reg(X86.SS)}
                : new long[] {errorCode, returnRip, uc.reg(X86.CS), flags};
        int from = pushError ? 0 : 1;
        ByteBuffer bytes = ByteBuffer.allocate(slot * (frame.length - from)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i < frame.length; i++) if (long64) bytes.putLong(frame[i]); else bytes.putInt((int) frame[i]);
        long newRsp = rsp - bytes.capacity();
        try {
            m.writeVirtual(newRsp, bytes.array());
        } catch (UnicornException e) {
            throw new Failure("pushing the frame for vector " + vector + " at 0x" + Long.toHexString(newRsp) + ": " + e.getMessage(), 14, 2, newRsp);
        }
        long cleared = X86Bits.RFLAGS_TF | X86Bits.RFLAGS_NT | X86Bits.RFLAGS_RF | X86Bits.RFLAGS_VM | (type == 0xE ? X86Bits.RFLAGS_IF : 0); // IF for interrupt gates
        // To an inner ring SS becomes the null selector (SDM 6.14.4). Entering from a clean context also ends
        // the exception Unicorn reported (see Machine.run).
        privilege.enter(0, selector, cpl != 0 ? 0 : (int) uc.reg(X86.SS));
        uc.setReg(X86.RSP, newRsp);
        uc.setReg(X86.EFLAGS, flags & ~cleared);
        uc.setReg(X86.RIP, handler);
    }

    /**
     * The length of the int n (CD n) or int3 (CC) just before the return address, or 0: an interrupt raised
     * by software, for which the gate's DPL counts.
     */
    private int softwareInterruptLength(int vector, long returnRip) {
        try {
            byte[] before = m.readVirtual(returnRip - 2, 2);
            if ((before[0] & 0xFF) == 0xCD && (before[1] & 0xFF) == vector) return 2;
            return (before[1] & 0xFF) == 0xCC && vector == 3 ? 1 : 0;
        } catch (UnicornException e) {
            return 0;
        }
    }

    private byte[] read(long address, int length) throws Failure {
        try {
            return m.readVirtual(address, length);
        } catch (UnicornException e) {
            throw new Failure("reading 0x" + Long.toHexString(address) + ": " + e.getMessage(), 14, 0, address);
        }
    }
}
