package micros.compiler;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.Gpr;
import micros.asm.Mem;
import micros.asm.Operand;

import java.lang.classfile.Opcode;
import java.util.ArrayList;
import java.util.List;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.*;
import static micros.compiler.MethodCompiler.INT;
import static micros.compiler.MethodCompiler.LONG;

/**
 * The operand stack of the method being translated, kept lazy: an entry is a {@link StackEntry} saying where
 * its value is (a constant, a local, a local plus an offset, rax, a pending read or compare) until an
 * instruction consumes it, and it goes to its frame slot only where the value must outlive that (branch
 * targets, a store to the local it names). Slot {@code depth} is the one below the locals in the frame.
 * Unreachable code (after a goto or return, before a label) has no stack at all.
 */
final class OperandStack {
    private final MethodCompiler m;
    private final Assembler a;
    private final RegisterAssignment registers;
    /** Bottom first; null where the code is unreachable. */
    private List<StackEntry> entries = new ArrayList<>();

    OperandStack(MethodCompiler m, RegisterAssignment registers) {
        this.m = m;
        this.a = m.asm();
        this.registers = registers;
    }

    // --- the entries -----------------------------------------------------------------------

    boolean reachable() { return entries != null; }

    /** The entries, bottom first (a live view). */
    List<StackEntry> entries() { return entries; }

    int size() { return entries.size(); }

    boolean isEmpty() { return entries.isEmpty(); }

    StackEntry get(int depth) { return entries.get(depth); }

    StackEntry last() { return entries.getLast(); }

    void set(int depth, StackEntry e) { entries.set(depth, e); }

    void push(StackEntry e) { entries.add(e); }

    /** Drops the top entry without a check (its value was used already). */
    void removeLast() { entries.removeLast(); }

    char pop() {
        if (entries.isEmpty()) throw m.reject("operand stack underflow (unsupported bytecode shape)");
        return entries.removeLast().kind();
    }

    char kindAt(int fromTop) { return entries.get(entries.size() - 1 - fromTop).kind(); }

    /** The stack as a branch target finds it: {@code kinds} in their slots; null for unreachable. */
    void reset(List<Character> kinds) {
        if (kinds == null) { entries = null; return; }
        entries = new ArrayList<>();
        for (char k : kinds) entries.add(new StackEntry.InSlot(k));
    }

    Mem slot(int depth) { return m.slot(depth); }

    Mem topSlot(int fromTop) { return slot(entries.size() - 1 - fromTop); }

    Mem pushSlot(char kind) { entries.add(new StackEntry.InSlot(kind)); return topSlot(0); }

    /** Pushes the value in rax (eax for int-like kinds) without storing it. */
    void pushRax(char kind) { entries.add(new StackEntry.InRax(kind)); }

    // --- settling lazy entries -------------------------------------------------------------

    /** Turns a pending lcmp (or compareUnsigned) into its -1/0/1 value in eax. */
    void settleCompare() {
        if (!entries.isEmpty() && entries.getLast() instanceof StackEntry.Compared c) {
            a.setcc(c.unsigned() ? Cond.A : Cond.G, AL).setcc(c.unsigned() ? Cond.B : Cond.L, CL).sub(AL, CL).movsx(EAX, AL);
            entries.set(entries.size() - 1, new StackEntry.InRax(INT));
        }
    }

    /** Emits a pending read into rax (there is no other value in rax: the read was the last code emitted). */
    void settleRead() {
        for (int k = 0; k < entries.size(); k++)
            if (entries.get(k) instanceof StackEntry.Read) { loadDepth(RAX, k); entries.set(k, new StackEntry.InRax(entries.get(k).kind())); }
    }

    /** Writes the entry living in rax, if any, to its slot, before rax is used for something else. */
    void spillRax() {
        for (int i = 0; i < entries.size(); i++) if (entries.get(i) instanceof StackEntry.InRax) materialize(i);
    }

    // --- reading entries -------------------------------------------------------------------

    /** Loads the entry {@code fromTop} below the top into {@code dst} (32-bit view for int-like entries). */
    void load(Gpr dst, int fromTop) { loadDepth(dst, entries.size() - 1 - fromTop); }

    void loadDepth(Gpr dst, int depth) {
        registers.written(dst);
        loadInto(dst, depth);
    }

    /** Loads a call's argument: rdi written so does not keep the first parameter out of rdi (calls save it). */
    void loadArgument(Gpr dst, int depth) { loadInto(dst, depth); }

    private void loadInto(Gpr dst, int depth) {
        StackEntry e = entries.get(depth);
        if (dst.number() == 0 && !(e instanceof StackEntry.InRax)) spillRax();
        boolean narrow = e.kind() == INT;
        Gpr d = narrow ? dst.withBits(32) : dst.withBits(64);
        switch (e) {
            case StackEntry.Constant c -> {
                if (c.value() == 0) a.xor(d.withBits(32), d.withBits(32));
                else a.mov(d, imm(narrow ? (int) c.value() : c.value()));
            }
            case StackEntry.Local l -> {
                Operand src = narrow ? m.local32(l.index()) : m.local(l.index());
                if (src != d) a.mov(d, src);
            }
            case StackEntry.InSlot s -> a.mov(d, narrow ? slot(depth).withBits(32) : slot(depth));
            case StackEntry.InRax r -> { if (d.number() != 0) a.mov(d, narrow ? EAX : RAX); }
            case StackEntry.Offset o -> {
                Gpr r = registers.of(o.index());
                if (r != null) a.lea(d, qword(r, o.disp()));
                else a.mov(d, m.local(o.index())).lea(d, qword(d, o.disp())); // lea: a pending lcmp's flags survive
            }
            case StackEntry.Read r -> read(d, r);
            case StackEntry.Compared c -> throw new IllegalStateException("an lcmp result is settled before it is read");
        }
    }

    /** Emits a pending memory read into {@code d} (zero-extended below 32 bits, as the intrinsics define). */
    private void read(Gpr d, StackEntry.Read r) {
        switch (r.width()) {
            case 8 -> a.movzx(d.withBits(32), r.at().withBits(8));
            case 16 -> a.movzx(d.withBits(32), r.at().withBits(16));
            case 32 -> a.mov(d.withBits(32), r.at().withBits(32));
            default -> a.mov(d.withBits(64), r.at().withBits(64));
        }
    }

    /** The register holding the entry at {@code depth} as it is (a local kept in one, at the entry's width); else null. */
    Gpr registerHolding(int depth) {
        StackEntry e = entries.get(depth);
        Gpr r = e instanceof StackEntry.Local l ? registers.of(l.index()) : e instanceof StackEntry.InRax ? RAX : null;
        return r == null ? null : r.withBits(e.kind() == INT ? 32 : 64);
    }

    /** The memory operand addressing the (long) entry at {@code depth}: a local's register plus an offset if it can. */
    Mem address(int depth) {
        StackEntry e = entries.get(depth);
        Gpr r = e.local() >= 0 ? registers.of(e.local()) : null;
        int disp = e instanceof StackEntry.Offset o ? o.disp() : 0;
        if (r != null) return qword(r, disp);
        if (e instanceof StackEntry.Offset o) { registers.written(RDI); a.mov(RDI, m.local(o.index())); return qword(RDI, disp); }
        loadDepth(RDI, depth);
        return qword(RDI, 0);
    }

    // --- entries to their slots ------------------------------------------------------------

    /** Writes the entry at {@code depth} to its slot (if it is not there yet). */
    void materialize(int depth) {
        StackEntry e = entries.get(depth);
        if (e instanceof StackEntry.InSlot) return;
        if (e instanceof StackEntry.InRax) a.mov(slot(depth), RAX);
        else if (e instanceof StackEntry.Constant c && c.value() == (int) c.value()) a.mov(slot(depth), imm(c.value()));
        else { loadDepth(RAX, depth); a.mov(slot(depth), RAX); }
        entries.set(depth, new StackEntry.InSlot(e.kind()));
    }

    /** The stack as a branch target expects it: in slots, but for the top in rax at a {@link Body#raxTargets} one. */
    void leaveFor(boolean raxTarget) {
        settleCompare(); // a compareUnsigned's value falling into a join (c ? x : compareUnsigned(a, b))
        if (!raxTarget) { materializeBelow(0); return; }
        materializeBelow(1);
        char k = kindAt(0);
        load(RAX, 0);
        entries.set(entries.size() - 1, new StackEntry.InRax(k));
    }

    /** Every entry below the top {@code keep} ones to its slot: what a branch target expects. */
    void materializeBelow(int keep) { for (int i = 0; i < entries.size() - keep; i++) materialize(i); }

    /** Entries naming local {@code index} to their slots, before the local changes. */
    void materializeLocal(int index) {
        for (int i = 0; i < entries.size(); i++) if (entries.get(i).local() == index) materialize(i);
    }

    /** Writes the entry at {@code depth} (the top, or an argument of an inlined call) to local {@code index}. */
    void storeTo(int index, int depth) {
        StackEntry value = entries.get(depth);
        if (value instanceof StackEntry.Local l && l.index() == index) return;
        if (value instanceof StackEntry.InRax) {
            for (StackEntry e : entries) if (e.local() == index) { spillRax(); break; }
        }
        // Entries naming the local keep its old value; the stored entry itself is read just below.
        for (int i = 0; i < entries.size(); i++) if (i != depth && entries.get(i).local() == index) materialize(i);
        Operand dst = m.local(index);
        if (dst instanceof Gpr g) loadDepth(g, depth);
        else { loadDepth(RAX, depth); a.mov(dst, RAX); }
    }

    // --- shuffles --------------------------------------------------------------------------

    void shuffle(Opcode o) {
        switch (o) {
            case POP -> pop();
            case POP2 -> { if (pop() != LONG) pop(); }
            case DUP -> duplicate(0);
            case DUP2 -> {
                if (kindAt(0) == LONG) duplicate(0);
                else { duplicate(1); duplicate(1); }
            }
            case SWAP -> {
                materializeBelow(0);
                a.mov(RAX, topSlot(0)).mov(RCX, topSlot(1)).mov(topSlot(0), RCX).mov(topSlot(1), RAX);
                StackEntry e0 = entries.removeLast(), e1 = entries.removeLast();
                entries.add(e0);
                entries.add(e1);
            }
            case DUP_X1 -> {
                // ..., v2, v1 -> ..., v1, v2, v1
                materializeBelow(0);
                char k1 = kindAt(0), k2 = kindAt(1);
                a.mov(RAX, topSlot(0)).mov(RCX, topSlot(1));
                a.mov(topSlot(1), RAX).mov(topSlot(0), RCX).mov(pushSlot(k1), RAX);
                entries.set(entries.size() - 3, new StackEntry.InSlot(k1));
                entries.set(entries.size() - 2, new StackEntry.InSlot(k2));
            }
            default -> throw m.reject("stack shuffle " + o.name().toLowerCase() + " is not supported");
        }
    }

    /** Pushes a copy of the entry {@code fromTop} below the top: constants and locals copy for free. */
    private void duplicate(int fromTop) {
        StackEntry e = entries.get(entries.size() - 1 - fromTop);
        if (e instanceof StackEntry.InSlot) { a.mov(RAX, topSlot(fromTop)); a.mov(pushSlot(e.kind()), RAX); }
        else entries.add(e);
    }
}
