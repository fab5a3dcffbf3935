package micros.magic;

import micros.magic.sim.Machine;

/**
 * Processor state: control registers, model-specific registers, cpuid, TLB, descriptor tables,
 * interrupts and the time-stamp counter.
 *
 * <p>Lowering (first argument in {@code rdi}/{@code edi}, second in {@code rsi}/{@code esi}, result in
 * {@code rax}/{@code eax}):
 * <pre>
 *   readCr0()           mov rax, cr0          (readCr2/3/4 likewise with cr2/cr3/cr4)
 *   writeCr0(v)         mov cr0, rdi          (writeCr3/4 likewise)
 *   rdmsr(msr)          mov ecx, edi; rdmsr; shl rdx, 32; mov eax, eax; or rax, rdx
 *   wrmsr(msr, v)       mov ecx, edi; mov rax, rsi; mov rdx, rsi; shr rdx, 32; wrmsr
 *   cpuidEax(l, s)      push rbx; mov eax, edi; mov ecx, esi; cpuid; pop rbx          (eax is the result)
 *   cpuidEbx(l, s)      push rbx; mov eax, edi; mov ecx, esi; cpuid; mov eax, ebx; pop rbx
 *   cpuidEcx(l, s)      push rbx; mov eax, edi; mov ecx, esi; cpuid; mov eax, ecx; pop rbx
 *   cpuidEdx(l, s)      push rbx; mov eax, edi; mov ecx, esi; cpuid; mov eax, edx; pop rbx
 *   invlpg(a)           invlpg [rdi]
 *   lgdt(p)             lgdt [rdi]            (p points at the 10-byte limit:base pseudo-descriptor)
 *   lidt(p)             lidt [rdi]
 *   ltr(sel)            ltr di
 *   cli()  sti()        cli / sti
 *   hlt()               hlt
 *   pause()             pause
 *   rdtsc()             rdtsc; shl rdx, 32; mov eax, eax; or rax, rdx
 * </pre>
 * (rbx is callee-saved in System V, hence the push/pop around cpuid.)
 */
public final class Cpu {
    private Cpu() {}

    public static long readCr0() { return Machine.current().readControlRegister(0); }
    public static long readCr2() { return Machine.current().readControlRegister(2); }
    public static long readCr3() { return Machine.current().readControlRegister(3); }
    public static long readCr4() { return Machine.current().readControlRegister(4); }

    public static void writeCr0(long value) { Machine.current().writeControlRegister(0, value); }
    public static void writeCr3(long value) { Machine.current().writeControlRegister(3, value); }
    public static void writeCr4(long value) { Machine.current().writeControlRegister(4, value); }

    /** Model-specific register {@code msr} (edx:eax joined into one long). */
    public static long rdmsr(int msr) { return Machine.current().readMsr(msr); }

    /** Writes model-specific register {@code msr} (high half to edx, low half to eax). */
    public static void wrmsr(int msr, long value) { Machine.current().writeMsr(msr, value); }

    /** eax after {@code cpuid} with eax = {@code leaf}, ecx = {@code subleaf}. */
    public static int cpuidEax(int leaf, int subleaf) { return Machine.current().cpuid(leaf, subleaf, 0); }
    /** ebx after {@code cpuid} with eax = {@code leaf}, ecx = {@code subleaf}. */
    public static int cpuidEbx(int leaf, int subleaf) { return Machine.current().cpuid(leaf, subleaf, 1); }
    /** ecx after {@code cpuid} with eax = {@code leaf}, ecx = {@code subleaf}. */
    public static int cpuidEcx(int leaf, int subleaf) { return Machine.current().cpuid(leaf, subleaf, 2); }
    /** edx after {@code cpuid} with eax = {@code leaf}, ecx = {@code subleaf}. */
    public static int cpuidEdx(int leaf, int subleaf) { return Machine.current().cpuid(leaf, subleaf, 3); }

    /** Drops the TLB entry of the page holding {@code address}. */
    public static void invlpg(long address) { Machine.current().invalidatePage(address); }

    /** Loads GDTR from the pseudo-descriptor (u16 limit, u64 base) at {@code pointerAddress}. */
    public static void lgdt(long pointerAddress) { Machine.current().loadGdt(pointerAddress); }

    /** Loads IDTR from the pseudo-descriptor (u16 limit, u64 base) at {@code pointerAddress}. */
    public static void lidt(long pointerAddress) { Machine.current().loadIdt(pointerAddress); }

    /** Loads the task register with {@code selector} (low 16 bits). */
    public static void ltr(int selector) { Machine.current().loadTaskRegister(selector & 0xFFFF); }

    public static void cli() { Machine.current().setInterruptsEnabled(false); }
    public static void sti() { Machine.current().setInterruptsEnabled(true); }

    /** Waits for an interrupt. On the JVM the simulated machine decides what that means (by default: returns). */
    public static void hlt() { Machine.current().waitForInterrupt(); }

    /** Spin-wait hint. */
    public static void pause() { Machine.current().pause(); }

    /** The time-stamp counter. */
    public static long rdtsc() { return Machine.current().timestamp(); }
}
