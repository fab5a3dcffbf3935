package micros.asm;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static micros.asm.Gpr.*;

/** Generators of valid instructions over every form the assembler supports, with edge-width operands. */
final class Forms {
    private Forms() {}

    static final List<Gpr> R64 = List.of(RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15);
    static final List<Gpr> R32 = List.of(EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI, R8D, R9D, R10D, R11D, R12D, R13D, R14D, R15D);
    static final List<Gpr> R16 = List.of(AX, CX, DX, BX, SP, BP, SI, DI, R8W, R9W, R10W, R11W, R12W, R13W, R14W, R15W);
    static final List<Gpr> R8L = List.of(AL, CL, DL, BL, SPL, BPL, SIL, DIL, R8B, R9B, R10B, R11B, R12B, R13B, R14B, R15B);
    static final List<Gpr> LEGACY8 = List.of(AL, CL, DL, BL, AH, CH, DH, BH);

    static List<Gpr> regs(int bits, int mode) {
        List<Gpr> all = switch (bits) { case 64 -> R64; case 32 -> R32; case 16 -> R16; default -> R8L; };
        return mode == 64 ? all : all.subList(0, bits == 8 ? 4 : 8);
    }

    static Arbitrary<Gpr> reg(int bits, int mode) { return Arbitraries.of(regs(bits, mode)); }

    static final long[] DISP_EDGES = {0, 1, -1, 127, -128, 128, -129, 0x7FFF_FFFFL, -0x8000_0000L, 0x1000};
    static final long[] IMM_EDGES = {0, 1, -1, 127, -128, 128, -129, 255, 0x7FFF_FFFFL, -0x8000_0000L};

    static Arbitrary<Long> disp() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.of(Arrays.stream(DISP_EDGES).boxed().toList())),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().map(i -> (long) i)));
    }

    /** Immediates that fit the form: unsigned for 8/16 bits, signed 32 for 32/64 (imm64 only for mov). */
    static Arbitrary<Long> imm(int bits) {
        if (bits == 8) return Arbitraries.longs().between(0, 255);
        if (bits == 16) return Arbitraries.oneOf(Arbitraries.of(0L, 1L, 127L, 128L, 0xFFFFL), Arbitraries.longs().between(0, 0xFFFF));
        return Arbitraries.oneOf(Arbitraries.of(Arrays.stream(IMM_EDGES).boxed().toList()), Arbitraries.integers().map(i -> (long) i));
    }

    static Arbitrary<Long> imm64() {
        return Arbitraries.oneOf(imm(32), Arbitraries.of(0x8000_0000L, 0xFFFF_FFFFL, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32), Arbitraries.longs());
    }

    /** [base + index*scale + disp] with every addressing shape: base only, index only, both, absolute. */
    static Arbitrary<Mem> mem(int bits, int mode) {
        List<Gpr> bases = mode == 64 ? R64 : R32.subList(0, 8);
        Arbitrary<Gpr> base = Arbitraries.of(bases);
        Arbitrary<Gpr> index = Arbitraries.of(bases.stream().filter(g -> g.number() != 4).toList());
        Arbitrary<Integer> scale = Arbitraries.of(1, 2, 4, 8);
        return Arbitraries.integers().between(0, 3).flatMap(shape -> switch (shape) {
            case 0 -> Combinators.combine(base, disp()).as((b, d) -> new Mem(bits, b, null, 1, d, null, false));
            case 1 -> Combinators.combine(index, scale, disp()).as((i, s, d) -> new Mem(bits, null, i, s, d, null, false));
            case 2 -> Combinators.combine(base, index, scale, disp()).as((b, i, s, d) -> new Mem(bits, b, i, s, d, null, false));
            default -> disp().map(d -> new Mem(bits, null, null, 1, d & 0x7FFF_FFFFL, null, false));
        });
    }

    static Arbitrary<Integer> width(int mode) { return mode == 64 ? Arbitraries.of(8, 16, 32, 64) : Arbitraries.of(8, 16, 32); }

    static Arbitrary<Operand> regOrMem(int bits, int mode) { return Arbitraries.oneOf(reg(bits, mode).map(r -> (Operand) r), mem(bits, mode).map(m -> (Operand) m)); }

    interface Binary { Assembler apply(Assembler a, Operand x, Operand y); }

    static final List<Binary> ALU = List.of(Assembler::add, Assembler::or, Assembler::adc, Assembler::sbb, Assembler::and, Assembler::sub, Assembler::xor, Assembler::cmp);
    static final List<Binary> SHIFTS = List.of(Assembler::rol, Assembler::ror, Assembler::shl, Assembler::shr, Assembler::sar);

    interface Unary { Assembler apply(Assembler a, Operand x); }

    static final List<Unary> UNARY = List.of(Assembler::inc, Assembler::dec, Assembler::not, Assembler::neg, Assembler::mul, Assembler::imul, Assembler::div, Assembler::idiv);

    /** Every instruction form, for one mode. */
    static Arbitrary<Insn> any(int mode) {
        List<Arbitrary<Consumer<Assembler>>> forms = new ArrayList<>();
        // Two-operand ALU, mov and test in all shapes.
        forms.add(width(mode).flatMap(w -> Combinators.combine(Arbitraries.of(ALU), reg(w, mode), regOrMem(w, mode))
                .as((op, r, rm) -> (Consumer<Assembler>) a -> op.apply(a, r, rm))));
        forms.add(width(mode).flatMap(w -> Combinators.combine(Arbitraries.of(ALU), mem(w, mode), reg(w, mode))
                .as((op, m, r) -> (Consumer<Assembler>) a -> op.apply(a, m, r))));
        forms.add(width(mode).flatMap(w -> Combinators.combine(Arbitraries.of(ALU), regOrMem(w, mode), imm(w))
                .as((op, rm, i) -> (Consumer<Assembler>) a -> op.apply(a, rm, Operands.imm(i)))));
        forms.add(width(mode).flatMap(w -> Combinators.combine(reg(w, mode), regOrMem(w, mode))
                .as((r, rm) -> (Consumer<Assembler>) a -> a.mov(r, rm))));
        forms.add(width(mode).flatMap(w -> Combinators.combine(mem(w, mode), reg(w, mode))
                .as((m, r) -> (Consumer<Assembler>) a -> a.mov(m, r))));
        forms.add(width(mode).flatMap(w -> Combinators.combine(regOrMem(w, mode), w == 64 ? imm(32) : imm(w))
                .as((rm, i) -> (Consumer<Assembler>) a -> a.mov(rm, Operands.imm(i)))));
        if (mode == 64) forms.add(Combinators.combine(reg(64, 64), imm64()).as((r, i) -> a -> a.mov(r, Operands.imm(i))));
        forms.add(Combinators.combine(Arbitraries.of(LEGACY8), Arbitraries.of(LEGACY8)).as((x, y) -> a -> a.mov(x, y)));
        forms.add(width(mode).flatMap(w -> Combinators.combine(regOrMem(w, mode), reg(w, mode))
                .as((rm, r) -> (Consumer<Assembler>) a -> a.test(rm, r))));
        forms.add(width(mode).flatMap(w -> Combinators.combine(regOrMem(w, mode), imm(w == 64 ? 32 : w))
                .as((rm, i) -> (Consumer<Assembler>) a -> a.test(rm, Operands.imm(i)))));
        // Shifts, one-operand arithmetic, multiplies.
        forms.add(width(mode).flatMap(w -> Combinators.combine(Arbitraries.of(SHIFTS), regOrMem(w, mode),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 255).map(c -> (Operand) Operands.imm(c)), Arbitraries.just((Operand) CL)))
                .as((op, rm, c) -> (Consumer<Assembler>) a -> op.apply(a, rm, c))));
        forms.add(width(mode).flatMap(w -> Combinators.combine(Arbitraries.of(UNARY), regOrMem(w, mode))
                .as((op, rm) -> (Consumer<Assembler>) a -> op.apply(a, rm))));
        Arbitrary<Integer> wide = mode == 64 ? Arbitraries.of(16, 32, 64) : Arbitraries.of(16, 32);
        forms.add(wide.flatMap(w -> Combinators.combine(reg(w, mode), regOrMem(w, mode)).as((r, rm) -> (Consumer<Assembler>) a -> a.imul(r, rm))));
        forms.add(wide.flatMap(w -> Combinators.combine(reg(w, mode), regOrMem(w, mode), imm(w == 64 ? 32 : w))
                .as((r, rm, i) -> (Consumer<Assembler>) a -> a.imul(r, rm, Operands.imm(i)))));
        // Widening moves and lea.
        forms.add(wide.flatMap(w -> Arbitraries.of(8, 16).filter(s -> s < w).flatMap(s -> Combinators.combine(reg(w, mode), regOrMem(s, mode), Arbitraries.of(true, false))
                .as((r, rm, zx) -> (Consumer<Assembler>) a -> { if (zx) a.movzx(r, rm); else a.movsx(r, rm); }))));
        if (mode == 64) forms.add(Combinators.combine(reg(64, 64), regOrMem(32, 64)).as((r, rm) -> a -> a.movsxd(r, rm)));
        forms.add(wide.flatMap(w -> Combinators.combine(reg(w, mode), mem(0, mode)).as((r, m) -> (Consumer<Assembler>) a -> a.lea(r, m))));
        // Stack.
        int sw = mode;
        forms.add(Combinators.combine(regOrMem(sw, mode), Arbitraries.of(true, false)).as((rm, push) -> a -> { if (push) a.push(rm); else a.pop(rm); }));
        forms.add(imm(32).map(i -> a -> a.push(Operands.imm(i))));
        // Flags to registers, bit operations, scans.
        forms.add(Combinators.combine(Arbitraries.of(Cond.values()), regOrMem(8, mode)).as((c, rm) -> a -> a.setcc(c, rm)));
        forms.add(wide.flatMap(w -> Combinators.combine(Arbitraries.of(Cond.values()), reg(w, mode), regOrMem(w, mode))
                .as((c, r, rm) -> (Consumer<Assembler>) a -> a.cmovcc(c, r, rm))));
        forms.add(wide.flatMap(w -> Combinators.combine(Arbitraries.integers().between(0, 2), regOrMem(w, mode),
                Arbitraries.oneOf(reg(w, mode).map(r -> (Operand) r), Arbitraries.integers().between(0, 255).map(i -> (Operand) Operands.imm(i))))
                .as((k, rm, b) -> (Consumer<Assembler>) a -> { if (k == 0) a.bt(rm, b); else if (k == 1) a.bts(rm, b); else a.btr(rm, b); })));
        forms.add(wide.flatMap(w -> Combinators.combine(Arbitraries.integers().between(0, 4), reg(w, mode), regOrMem(w, mode))
                .as((k, r, rm) -> (Consumer<Assembler>) a -> {
                    switch (k) { case 0 -> a.bsf(r, rm); case 1 -> a.bsr(r, rm); case 2 -> a.tzcnt(r, rm); case 3 -> a.lzcnt(r, rm); default -> a.popcnt(r, rm); }
                })));
        forms.add(width(mode).flatMap(w -> Combinators.combine(regOrMem(w, mode), reg(w, mode), Arbitraries.of(true, false))
                .as((rm, r, x) -> (Consumer<Assembler>) a -> { if (x) a.xchg(rm, r); else a.cmpxchg(rm, r); })));
        // Indirect control flow, system registers, ports.
        forms.add(Combinators.combine(regOrMem(mode, mode), Arbitraries.of(true, false)).as((t, j) -> a -> { if (j) a.jmp(t); else a.call(t); }));
        forms.add(Combinators.combine(Arbitraries.of(CtlReg.values()).filter(c -> mode == 64 || c != CtlReg.CR8), reg(mode, mode), Arbitraries.of(true, false))
                .as((c, r, to) -> a -> { if (to) a.mov(c, r); else a.mov(r, c); }));
        forms.add(Combinators.combine(Arbitraries.of(SegReg.values()).filter(s -> s != SegReg.CS), Arbitraries.of(16, 32), Arbitraries.of(true, false))
                .flatAs((s, w, to) -> reg(to ? 32 : w, mode).map(r -> (Consumer<Assembler>) a -> { if (to) a.mov(s, r); else a.mov(r, s); })));
        forms.add(Combinators.combine(mem(0, mode), Arbitraries.integers().between(0, 4)).as((m, k) -> a -> {
            switch (k) { case 0 -> a.lgdt(m); case 1 -> a.lidt(m); case 2 -> a.sgdt(m); case 3 -> a.sidt(m); default -> a.invlpg(m); }
        }));
        forms.add(Combinators.combine(Arbitraries.of(AL, AX, EAX), Arbitraries.oneOf(Arbitraries.just((Operand) DX), Arbitraries.integers().between(0, 255).map(p -> (Operand) Operands.imm(p))), Arbitraries.of(true, false))
                .as((r, p, in) -> a -> { if (in) a.in(r, p); else a.out(p, r); }));
        forms.add(Arbitraries.integers().between(0, 255).map(v -> a -> a.int_(v)));
        forms.add(Arbitraries.of(32, 64).filter(w -> w <= mode).flatMap(w -> reg(w, mode)).map(r -> a -> a.bswap(r)));
        List<Consumer<Assembler>> plain = new ArrayList<>(List.of(Assembler::ret, Assembler::cdq, Assembler::cpuid, Assembler::rdmsr,
                Assembler::wrmsr, Assembler::rdtsc, Assembler::cli, Assembler::sti, Assembler::hlt, Assembler::pause, Assembler::nop, Assembler::int3,
                Assembler::retf));
        if (mode == 64) plain.addAll(List.of(Assembler::cqo, Assembler::cdqe, Assembler::iretq, Assembler::syscall, Assembler::sysretq,
                Assembler::swapgs, Assembler::pushfq, Assembler::popfq));
        else plain.addAll(List.of(Assembler::pushfd, Assembler::popfd, Assembler::iretd));
        forms.add(Arbitraries.of(plain));
        return Arbitraries.oneOf(forms).map(e -> new Insn(mode, e));
    }
}
