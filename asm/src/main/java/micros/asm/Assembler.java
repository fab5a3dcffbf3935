package micros.asm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static micros.asm.Encoder.ImmField;

/**
 * An x86-64 assembler with a method per mnemonic, operands in Intel order (destination first).
 * Starts in 64-bit mode in {@code .text}; {@link #bits} switches between 32- and 64-bit code.
 * Misuse throws {@link AsmException} naming the instruction and its operands.
 */
public final class Assembler {
    private final Map<String, SectionBuffer> sections = new LinkedHashMap<>();
    private final Set<String> globals = new LinkedHashSet<>();
    private SectionBuffer current;
    private int mode = 64;
    private int repPrefix;

    public Assembler() { section(Section.TEXT); }

    // --- state -----------------------------------------------------------------------------

    public Assembler bits(int bits) {
        if (bits != 32 && bits != 64) throw new AsmException("bits " + bits + ": only 32- and 64-bit code is supported");
        mode = bits;
        return this;
    }

    public int bits() { return mode; }

    public Assembler section(Section s) {
        SectionBuffer b = sections.computeIfAbsent(s.name(), n -> new SectionBuffer(s));
        if (!b.section.equals(s)) throw new AsmException("section " + s.name() + " was opened as " + b.section.kind());
        current = b;
        return this;
    }

    public Assembler label(String name) {
        for (SectionBuffer b : sections.values())
            if (b.defines(name)) throw new AsmException("label " + name + " is defined twice");
        current.add(new SectionBuffer.LabelDef(name));
        return this;
    }

    public Assembler global(String name) { globals.add(name); return this; }

    public Assembler align(int alignment) {
        if (Integer.bitCount(alignment) != 1) throw new AsmException("align " + alignment + ": not a power of two");
        current.add(new SectionBuffer.Align(alignment, current.section.kind() == Section.Kind.CODE));
        return this;
    }

    /** Applies {@code rep} to the next string instruction ({@code repe} with {@code scas}: repeat while equal). */
    public Assembler rep() { repPrefix = 0xF3; return this; }

    /** Applies {@code repne} to the next string instruction: repeat while not equal (with {@code scas}). */
    public Assembler repne() { repPrefix = 0xF2; return this; }

    // --- data ------------------------------------------------------------------------------

    public Assembler db(int... bytes) { return data(bytes, 1); }
    public Assembler dw(int... words) { return data(words, 2); }
    public Assembler dd(long... dwords) { return data(Arrays.stream(dwords).mapToInt(v -> (int) v).toArray(), 4); }

    public Assembler dq(long... qwords) {
        byte[] b = new byte[qwords.length * 8];
        for (int i = 0; i < qwords.length; i++) for (int k = 0; k < 8; k++) b[i * 8 + k] = (byte) (qwords[i] >>> (8 * k));
        return bytes(b, List.of(), null);
    }

    public Assembler ascii(String s) { return bytes(s.getBytes(StandardCharsets.UTF_8), List.of(), null); }
    public Assembler asciz(String s) { ascii(s); return db(0); }
    public Assembler bytes(byte[] b) { return bytes(b, List.of(), null); }

    public Assembler dqSymbol(String symbol, long addend) {
        return bytes(new byte[8], List.of(new Reloc(0, RelocKind.ABS64, symbol, addend)), null);
    }

    public Assembler ddSymbol(String symbol, long addend) {
        return bytes(new byte[4], List.of(new Reloc(0, RelocKind.ABS32, symbol, addend)), null);
    }

    /** {@code n} zero bytes (reserved only, in a bss section). */
    public Assembler space(long n) {
        if (n < 0) throw new AsmException("space " + n + ": negative size");
        current.add(new SectionBuffer.Space(n));
        return this;
    }

    private Assembler data(int[] values, int size) {
        byte[] b = new byte[values.length * size];
        for (int i = 0; i < values.length; i++) for (int k = 0; k < size; k++) b[i * size + k] = (byte) (values[i] >>> (8 * k));
        return bytes(b, List.of(), null);
    }

    private Assembler bytes(byte[] b, List<Reloc> relocs, String text) {
        current.add(new SectionBuffer.Bytes(b, relocs, text));
        return this;
    }

    // --- output ----------------------------------------------------------------------------

    public AssembledModule finish() {
        List<AssembledSection> out = new ArrayList<>();
        for (SectionBuffer b : sections.values()) if (!b.chunks.isEmpty() || b.section.equals(Section.TEXT)) out.add(b.finish());
        return new AssembledModule(out, Set.copyOf(globals));
    }

    // --- instruction plumbing --------------------------------------------------------------

    private static String text(String mnemonic, Operand... ops) {
        if (ops.length == 0) return mnemonic;
        return mnemonic + " " + Stream.of(ops).map(Object::toString).collect(Collectors.joining(", "));
    }

    private Encoder enc(String mnemonic, Operand... ops) { return new Encoder(mode, text(mnemonic, ops)); }

    private Assembler emit(Encoder e, Encoded code) {
        if (repPrefix != 0) throw e.error("rep applies only to string instructions");
        return bytes(code.bytes(), code.relocs(), e.insn());
    }

    /** Operand size from the registers and sized memory operands; they must agree. */
    private static int size(Encoder e, Operand... ops) {
        int bits = 0;
        for (Operand o : ops) {
            int b = o instanceof Gpr g ? g.bits() : o instanceof Mem m ? m.bits() : 0;
            if (b == 0) continue;
            if (bits != 0 && bits != b) throw e.error("operand sizes differ");
            bits = b;
        }
        if (bits == 0) throw e.error("operand size unknown: give the memory operand a size");
        return bits;
    }

    private static ImmField immOf(Encoder e, Imm imm, int opBits, boolean allow64) {
        if (imm.symbol() != null) {
            if (opBits == 64 && allow64) return new ImmField(imm.value(), 8, imm.symbol(), RelocKind.ABS64);
            RelocKind k = opBits == 64 ? RelocKind.ABS32S : RelocKind.ABS32;
            if (opBits < 32) throw e.error("a symbol's address does not fit in " + opBits + " bits");
            return new ImmField(imm.value(), 4, imm.symbol(), k);
        }
        long v = imm.value();
        return switch (opBits) {
            case 8 -> ImmField.of(v, 1);
            case 16 -> ImmField.of(v, 2);
            case 32 -> ImmField.of(v, 4);
            default -> {
                if (allow64) yield ImmField.of(v, 8);
                if (!Encoder.fitsSigned32(v)) throw e.error("64-bit immediate " + Mem.hex(v) + " does not fit the sign-extended 32-bit field");
                yield ImmField.of(v, 4);
            }
        };
    }

    /** An immediate the CPU can take as a sign-extended byte: its value at the operand's width fits in 8 bits. */
    private static boolean fitsImm8(long value, int bits) {
        long atWidth = bits >= 64 ? value : (value << (64 - bits)) >> (64 - bits);
        return Encoder.fitsSigned8(atWidth);
    }

    private static Gpr gpr(Encoder e, Operand o, String what) {
        if (o instanceof Gpr g) return g;
        throw e.error(what + " must be a general register");
    }

    private static Operand rm(Encoder e, Operand o) {
        if (o instanceof Gpr || o instanceof Mem) return o;
        throw e.error(o + " must be a general register or memory");
    }

    private static int[] op(int... bytes) { return bytes; }

    // --- moves -----------------------------------------------------------------------------

    public Assembler mov(Operand dst, Operand src) {
        Encoder e = enc("mov", dst, src);
        if (dst instanceof CtlReg c) return emit(e, e.modrm(0, false, 0, op(0x0F, 0x22), c, 0, controlOperand(e, src), null));
        if (src instanceof CtlReg c) return emit(e, e.modrm(0, false, 0, op(0x0F, 0x20), c, 0, controlOperand(e, dst), null));
        if (dst instanceof SegReg s) {
            Operand r = rm(e, src);
            if (r instanceof Gpr g && g.bits() == 8) throw e.error("segment registers move 16 bits");
            return emit(e, e.modrm(0, false, 0, op(0x8E), s, 0, r, null));
        }
        if (src instanceof SegReg s) {
            Operand r = rm(e, dst);
            int bits = r instanceof Gpr g ? g.bits() : 0;
            if (bits == 8) throw e.error("segment registers move 16 bits");
            return emit(e, e.modrm(bits == 16 ? 16 : bits == 64 ? 64 : 0, false, 0, op(0x8C), s, 0, r, null));
        }
        int bits = size(e, dst, src);
        if (src instanceof Imm imm) {
            if (dst instanceof Gpr g) {
                if (bits == 64 && (imm.symbol() != null || !Encoder.fitsSigned32(imm.value())))
                    return emit(e, e.opReg(64, false, 0xB8, g, immOf(e, imm, 64, true)));
                if (bits == 64) return emit(e, e.modrm(64, false, 0, op(0xC7), null, 0, g, immOf(e, imm, 64, false)));
                return emit(e, e.opReg(bits, false, bits == 8 ? 0xB0 : 0xB8, g, immOf(e, imm, bits, false)));
            }
            return emit(e, e.modrm(bits, false, 0, op(bits == 8 ? 0xC6 : 0xC7), null, 0, dst, immOf(e, imm, bits, false)));
        }
        if (mode == 32 && dst instanceof Gpr g && g.number() == 0 && isAbsolute(src))
            return emit(e, moffs(e, bits == 8 ? 0xA0 : 0xA1, bits, (Mem) src));
        if (mode == 32 && src instanceof Gpr g && g.number() == 0 && isAbsolute(dst))
            return emit(e, moffs(e, bits == 8 ? 0xA2 : 0xA3, bits, (Mem) dst));
        if (src instanceof Gpr s) return emit(e, e.modrm(bits, false, 0, op(bits == 8 ? 0x88 : 0x89), s, 0, rm(e, dst), null));
        return emit(e, e.modrm(bits, false, 0, op(bits == 8 ? 0x8A : 0x8B), gpr(e, dst, "destination"), 0, rm(e, src), null));
    }

    private static boolean isAbsolute(Operand o) {
        return o instanceof Mem m && m.base() == null && m.index() == null && !m.ripRelative();
    }

    /** mov al/ax/eax, [abs32] and back: the short moffs forms GNU as picks in 32-bit code. */
    private static Encoded moffs(Encoder e, int opcode, int bits, Mem m) {
        ImmField addr = m.symbol() != null ? new ImmField(m.disp(), 4, m.symbol(), RelocKind.ABS32) : ImmField.of(m.disp(), 4);
        return e.sized(bits == 8 ? 0 : bits, false, op(opcode), addr);
    }

    private Operand controlOperand(Encoder e, Operand o) {
        if (!(o instanceof Gpr g) || g.bits() != mode) throw e.error("control registers move to and from " + mode + "-bit general registers");
        return o;
    }

    public Assembler movzx(Gpr dst, Operand src) { return extend("movzx", 0xB6, dst, src); }
    public Assembler movsx(Gpr dst, Operand src) { return extend("movsx", 0xBE, dst, src); }

    private Assembler extend(String name, int opcode, Gpr dst, Operand src) {
        Encoder e = enc(name, dst, src);
        int from = src instanceof Gpr g ? g.bits() : ((Mem) rm(e, src)).bits();
        if (from != 8 && from != 16) throw e.error("source must be 8 or 16 bits");
        if (dst.bits() <= from) throw e.error("destination must be wider than the source");
        return emit(e, e.modrm(dst.bits(), false, 0, op(0x0F, opcode + (from == 16 ? 1 : 0)), dst, 0, src, null));
    }

    public Assembler movsxd(Gpr dst, Operand src) {
        Encoder e = enc("movsxd", dst, src);
        if (dst.bits() != 64 || size(e, src) != 32) throw e.error("movsxd takes a 64-bit destination and a 32-bit source");
        return emit(e, e.modrm(64, false, 0, op(0x63), dst, 0, src, null));
    }

    public Assembler lea(Gpr dst, Mem src) {
        Encoder e = enc("lea", dst, src);
        if (dst.bits() == 8) throw e.error("lea needs a 16-, 32- or 64-bit destination");
        return emit(e, e.modrm(dst.bits(), false, 0, op(0x8D), dst, 0, src.withBits(0), null));
    }

    public Assembler xchg(Operand a, Operand b) {
        Encoder e = enc("xchg", a, b);
        int bits = size(e, a, b);
        if (a instanceof Gpr x && b instanceof Gpr y && bits != 8) {
            Gpr other = x.number() == 0 ? y : y.number() == 0 ? x : null;
            boolean zeroExtendingNop = bits == 32 && mode == 64 && x.number() == 0 && y.number() == 0;
            if (other != null && !zeroExtendingNop) return emit(e, e.opReg(bits, false, 0x90, other, null));
        }
        if (a instanceof Gpr x && !(b instanceof Gpr)) return emit(e, e.modrm(bits, false, 0, op(bits == 8 ? 0x86 : 0x87), x, 0, b, null));
        return emit(e, e.modrm(bits, false, 0, op(bits == 8 ? 0x86 : 0x87), gpr(e, b, "source"), 0, rm(e, a), null));
    }

    public Assembler cmpxchg(Operand dst, Gpr src) {
        Encoder e = enc("cmpxchg", dst, src);
        int bits = size(e, dst, src);
        return emit(e, e.modrm(bits, false, 0, op(0x0F, bits == 8 ? 0xB0 : 0xB1), src, 0, rm(e, dst), null));
    }

    // --- stack -----------------------------------------------------------------------------

    public Assembler push(Operand o) {
        Encoder e = enc("push", o);
        if (o instanceof Imm imm) {
            if (imm.symbol() == null && Encoder.fitsSigned8(imm.value())) return emit(e, e.sized(0, true, op(0x6A), ImmField.of(imm.value(), 1)));
            return emit(e, e.sized(0, true, op(0x68), immOf(e, imm, mode == 64 ? 64 : 32, false)));
        }
        return stackOp(e, o, 0x50, 0xFF, 6);
    }

    public Assembler pop(Operand o) {
        Encoder e = enc("pop", o);
        if (o instanceof Imm) throw e.error("pop needs a register or memory");
        return stackOp(e, o, 0x58, 0x8F, 0);
    }

    private Assembler stackOp(Encoder e, Operand o, int opReg, int opRm, int digit) {
        int bits = size(e, o);
        if (bits == 8 || (mode == 64 && bits == 32) || (mode == 32 && bits == 64))
            throw e.error(bits + "-bit operands cannot be pushed or popped in " + mode + "-bit mode");
        int opBits = bits == 16 ? 16 : 0;
        if (o instanceof Gpr g) return emit(e, e.opReg(opBits, true, opReg, g, null));
        return emit(e, e.modrm(opBits, true, 0, op(opRm), null, digit, o, null));
    }

    public Assembler pushfq() { return plain64("pushfq", 0x9C); }
    public Assembler popfq() { return plain64("popfq", 0x9D); }
    public Assembler pushfd() { return plain32("pushfd", 0x9C); }
    public Assembler popfd() { return plain32("popfd", 0x9D); }

    // --- arithmetic ------------------------------------------------------------------------

    public Assembler add(Operand dst, Operand src) { return alu("add", 0, dst, src); }
    public Assembler or(Operand dst, Operand src) { return alu("or", 1, dst, src); }
    public Assembler adc(Operand dst, Operand src) { return alu("adc", 2, dst, src); }
    public Assembler sbb(Operand dst, Operand src) { return alu("sbb", 3, dst, src); }
    public Assembler and(Operand dst, Operand src) { return alu("and", 4, dst, src); }
    public Assembler sub(Operand dst, Operand src) { return alu("sub", 5, dst, src); }
    public Assembler xor(Operand dst, Operand src) { return alu("xor", 6, dst, src); }
    public Assembler cmp(Operand dst, Operand src) { return alu("cmp", 7, dst, src); }

    private Assembler alu(String name, int n, Operand dst, Operand src) {
        Encoder e = enc(name, dst, src);
        int bits = size(e, dst, src);
        if (src instanceof Imm imm) {
            if (bits == 8) {
                if (dst instanceof Gpr g && g == Gpr.AL) return emit(e, e.sized(0, false, op(n * 8 + 4), immOf(e, imm, 8, false)));
                return emit(e, e.modrm(0, false, 0, op(0x80), null, n, rm(e, dst), immOf(e, imm, 8, false)));
            }
            if (imm.symbol() == null && fitsImm8(imm.value(), bits))
                return emit(e, e.modrm(bits, false, 0, op(0x83), null, n, rm(e, dst), ImmField.of((byte) imm.value(), 1)));
            ImmField f = immOf(e, imm, bits, false);
            if (dst instanceof Gpr g && g.number() == 0) return emit(e, e.sized(bits, false, op(n * 8 + 5), f));
            return emit(e, e.modrm(bits, false, 0, op(0x81), null, n, rm(e, dst), f));
        }
        if (src instanceof Gpr s) return emit(e, e.modrm(bits, false, 0, op(n * 8 + (bits == 8 ? 0 : 1)), s, 0, rm(e, dst), null));
        return emit(e, e.modrm(bits, false, 0, op(n * 8 + (bits == 8 ? 2 : 3)), gpr(e, dst, "destination"), 0, rm(e, src), null));
    }

    public Assembler test(Operand a, Operand b) {
        Encoder e = enc("test", a, b);
        int bits = size(e, a, b);
        if (b instanceof Imm imm) {
            ImmField f = immOf(e, imm, bits, false);
            if (a instanceof Gpr g && g.number() == 0 && !g.isHighByte()) return emit(e, e.sized(bits == 8 ? 0 : bits, false, op(bits == 8 ? 0xA8 : 0xA9), f));
            return emit(e, e.modrm(bits == 8 ? 0 : bits, false, 0, op(bits == 8 ? 0xF6 : 0xF7), null, 0, rm(e, a), f));
        }
        Gpr r = b instanceof Gpr g ? g : gpr(e, a, "one operand");
        Operand other = r == b ? a : b;
        return emit(e, e.modrm(bits, false, 0, op(bits == 8 ? 0x84 : 0x85), r, 0, rm(e, other), null));
    }

    public Assembler inc(Operand o) { return unary("inc", 0xFE, 0, o); }
    public Assembler dec(Operand o) { return unary("dec", 0xFE, 1, o); }
    public Assembler not(Operand o) { return unary("not", 0xF6, 2, o); }
    public Assembler neg(Operand o) { return unary("neg", 0xF6, 3, o); }
    public Assembler mul(Operand o) { return unary("mul", 0xF6, 4, o); }
    public Assembler imul(Operand o) { return unary("imul", 0xF6, 5, o); }
    public Assembler div(Operand o) { return unary("div", 0xF6, 6, o); }
    public Assembler idiv(Operand o) { return unary("idiv", 0xF6, 7, o); }

    /** Reverses the byte order of a 32- or 64-bit register. */
    public Assembler bswap(Gpr r) {
        Encoder e = enc("bswap", r);
        if (r.bits() != 32 && r.bits() != 64) throw e.error("bswap takes a 32- or 64-bit register");
        return emit(e, e.opReg0F(r.bits() == 64 ? 64 : 0, 0xC8, r));
    }

    private Assembler unary(String name, int opcode8, int digit, Operand o) {
        Encoder e = enc(name, o);
        int bits = size(e, rm(e, o));
        if (mode == 32 && opcode8 == 0xFE && o instanceof Gpr g && bits != 8)
            return emit(e, e.opReg(bits, false, 0x40 + digit * 8, g, null));
        return emit(e, e.modrm(bits, false, 0, op(bits == 8 ? opcode8 : opcode8 + 1), null, digit, o, null));
    }

    /** imul r, r/m. */
    public Assembler imul(Gpr dst, Operand src) {
        Encoder e = enc("imul", dst, src);
        int bits = size(e, dst, rm(e, src));
        if (bits == 8) throw e.error("imul has no 8-bit two-operand form");
        return emit(e, e.modrm(bits, false, 0, op(0x0F, 0xAF), dst, 0, src, null));
    }

    /** imul r, r/m, imm. */
    public Assembler imul(Gpr dst, Operand src, Imm imm) {
        Encoder e = enc("imul", dst, src, imm);
        int bits = size(e, dst, rm(e, src));
        if (bits == 8) throw e.error("imul has no 8-bit three-operand form");
        if (imm.symbol() == null && fitsImm8(imm.value(), bits))
            return emit(e, e.modrm(bits, false, 0, op(0x6B), dst, 0, src, ImmField.of((byte) imm.value(), 1)));
        return emit(e, e.modrm(bits, false, 0, op(0x69), dst, 0, src, immOf(e, imm, bits, false)));
    }

    public Assembler cdq() { return plain("cdq", 0x99); }
    public Assembler cqo() { Encoder e = enc("cqo"); return emit(e, e.sized(64, false, op(0x99), null)); }
    public Assembler cdqe() { Encoder e = enc("cdqe"); return emit(e, e.sized(64, false, op(0x98), null)); }

    // --- shifts ----------------------------------------------------------------------------

    public Assembler rol(Operand dst, Operand count) { return shift("rol", 0, dst, count); }
    public Assembler ror(Operand dst, Operand count) { return shift("ror", 1, dst, count); }
    public Assembler shl(Operand dst, Operand count) { return shift("shl", 4, dst, count); }
    public Assembler shr(Operand dst, Operand count) { return shift("shr", 5, dst, count); }
    public Assembler sar(Operand dst, Operand count) { return shift("sar", 7, dst, count); }

    private Assembler shift(String name, int digit, Operand dst, Operand count) {
        Encoder e = enc(name, dst, count);
        int bits = size(e, rm(e, dst));
        int base = bits == 8 ? 0 : 1;
        if (count == Gpr.CL) return emit(e, e.modrm(bits, false, 0, op(0xD2 + base), null, digit, dst, null));
        if (!(count instanceof Imm imm) || imm.symbol() != null) throw e.error("shift count must be cl or an immediate");
        if (imm.value() < 0 || imm.value() > 255) throw e.error("shift count " + imm.value() + " does not fit in 8 bits");
        if (imm.value() == 1) return emit(e, e.modrm(bits, false, 0, op(0xD0 + base), null, digit, dst, null));
        return emit(e, e.modrm(bits, false, 0, op(0xC0 + base), null, digit, dst, ImmField.of(imm.value(), 1)));
    }

    // --- bits ------------------------------------------------------------------------------

    public Assembler bt(Operand dst, Operand bit) { return bitTest("bt", 0xA3, 4, dst, bit); }
    public Assembler bts(Operand dst, Operand bit) { return bitTest("bts", 0xAB, 5, dst, bit); }
    public Assembler btr(Operand dst, Operand bit) { return bitTest("btr", 0xB3, 6, dst, bit); }

    private Assembler bitTest(String name, int opcode, int digit, Operand dst, Operand bit) {
        Encoder e = enc(name, dst, bit);
        int bits = size(e, rm(e, dst), bit);
        if (bits == 8) throw e.error(name + " has no 8-bit form");
        if (bit instanceof Imm imm) {
            if (imm.value() < 0 || imm.value() > 255) throw e.error("bit number does not fit in 8 bits");
            return emit(e, e.modrm(bits, false, 0, op(0x0F, 0xBA), null, digit, dst, ImmField.of(imm.value(), 1)));
        }
        return emit(e, e.modrm(bits, false, 0, op(0x0F, opcode), gpr(e, bit, "bit number"), 0, dst, null));
    }

    public Assembler bsf(Gpr dst, Operand src) { return bitScan("bsf", 0, 0xBC, dst, src); }
    public Assembler bsr(Gpr dst, Operand src) { return bitScan("bsr", 0, 0xBD, dst, src); }
    public Assembler tzcnt(Gpr dst, Operand src) { return bitScan("tzcnt", 0xF3, 0xBC, dst, src); }
    public Assembler lzcnt(Gpr dst, Operand src) { return bitScan("lzcnt", 0xF3, 0xBD, dst, src); }
    public Assembler popcnt(Gpr dst, Operand src) { return bitScan("popcnt", 0xF3, 0xB8, dst, src); }

    private Assembler bitScan(String name, int mandatory, int opcode, Gpr dst, Operand src) {
        Encoder e = enc(name, dst, src);
        int bits = size(e, dst, rm(e, src));
        if (bits == 8) throw e.error(name + " has no 8-bit form");
        return emit(e, e.modrm(bits, false, mandatory, op(0x0F, opcode), dst, 0, src, null));
    }

    public Assembler setcc(Cond c, Operand dst) {
        Encoder e = enc("set" + c, dst);
        if (size(e, rm(e, dst)) != 8) throw e.error("setcc writes an 8-bit operand");
        return emit(e, e.modrm(0, false, 0, op(0x0F, 0x90 | c.code()), null, 0, dst, null));
    }

    public Assembler cmovcc(Cond c, Gpr dst, Operand src) {
        Encoder e = enc("cmov" + c, dst, src);
        int bits = size(e, dst, rm(e, src));
        if (bits == 8) throw e.error("cmovcc has no 8-bit form");
        return emit(e, e.modrm(bits, false, 0, op(0x0F, 0x40 | c.code()), dst, 0, src, null));
    }

    // --- control flow ----------------------------------------------------------------------

    public Assembler jmp(String label) { return branch(null, false, label, "jmp " + label); }
    public Assembler jcc(Cond c, String label) { return branch(c, false, label, "j" + c + " " + label); }
    public Assembler call(String label) { return branch(null, true, label, "call " + label); }

    private Assembler branch(Cond c, boolean call, String label, String text) {
        if (repPrefix != 0) throw new AsmException(text + ": rep applies only to string instructions");
        current.add(new SectionBuffer.Branch(mode, c, call, label, text));
        return this;
    }

    public Assembler jmp(Operand target) { return indirect("jmp", 4, target); }
    public Assembler call(Operand target) { return indirect("call", 2, target); }

    private Assembler indirect(String name, int digit, Operand target) {
        Encoder e = enc(name, target);
        Operand t = rm(e, target);
        int bits = t instanceof Gpr g ? g.bits() : ((Mem) t).bits();
        if (bits != 0 && bits != mode) throw e.error("the target must be a " + mode + "-bit register or memory");
        Operand unsized = t instanceof Mem m ? m.withBits(0) : t;
        return emit(e, e.modrm(0, false, 0, op(0xFF), null, digit, unsized, null));
    }

    /** Far jump through a m16:32 pointer (m16:64 when the operand is a qword). */
    public Assembler jmpFar(Mem pointer) { return far("jmp far", 5, pointer); }
    public Assembler callFar(Mem pointer) { return far("call far", 3, pointer); }

    private Assembler far(String name, int digit, Mem pointer) {
        Encoder e = enc(name, pointer);
        int opBits = pointer.bits() == 64 ? 64 : pointer.bits() == 16 ? 16 : 0;
        return emit(e, e.modrm(opBits, false, 0, op(0xFF), null, digit, pointer.withBits(0), null));
    }

    public Assembler ret() { return plain("ret", 0xC3); }

    public Assembler ret(int popBytes) {
        Encoder e = enc("ret", Operands.imm(popBytes));
        return emit(e, e.sized(0, false, op(0xC2), ImmField.of(popBytes, 2)));
    }

    public Assembler retf() { return plain("retf", 0xCB); }
    public Assembler retfq() { Encoder e = enc("retfq"); return emit(e, e.sized(64, false, op(0xCB), null)); }
    public Assembler iretq() { Encoder e = enc("iretq"); return emit(e, e.sized(64, false, op(0xCF), null)); }
    public Assembler iretd() { return plain("iretd", 0xCF); }
    public Assembler int3() { return plain("int3", 0xCC); }
    public Assembler ud2() { return plain("ud2", 0x0F, 0x0B); }

    public Assembler int_(int vector) {
        Encoder e = enc("int", Operands.imm(vector));
        if (vector < 0 || vector > 255) throw e.error("vector must be 0..255");
        return emit(e, e.sized(0, false, op(0xCD), ImmField.of(vector, 1)));
    }

    public Assembler syscall() { return plain64("syscall", 0x0F, 0x05); }
    public Assembler sysretq() { Encoder e = enc("sysretq"); return emit(e, e.sized(64, false, op(0x0F, 0x07), null)); }
    public Assembler swapgs() { return plain64("swapgs", 0x0F, 0x01, 0xF8); }

    // --- system ----------------------------------------------------------------------------

    public Assembler lgdt(Mem m) { return descriptorTable("lgdt", 2, m); }
    public Assembler lidt(Mem m) { return descriptorTable("lidt", 3, m); }
    public Assembler sgdt(Mem m) { return descriptorTable("sgdt", 0, m); }
    public Assembler sidt(Mem m) { return descriptorTable("sidt", 1, m); }

    private Assembler descriptorTable(String name, int digit, Mem m) {
        Encoder e = enc(name, m);
        return emit(e, e.modrm(0, false, 0, op(0x0F, 0x01), null, digit, m.withBits(0), null));
    }

    public Assembler ltr(Operand selector) {
        Encoder e = enc("ltr", selector);
        if (selector instanceof Gpr g && g.bits() != 16 && g.bits() != 32) throw e.error("ltr takes a 16-bit selector");
        return emit(e, e.modrm(0, false, 0, op(0x0F, 0x00), null, 3, rm(e, selector) instanceof Mem m ? m.withBits(0) : selector, null));
    }

    public Assembler invlpg(Mem m) {
        Encoder e = enc("invlpg", m.withBits(8));
        return emit(e, e.modrm(0, false, 0, op(0x0F, 0x01), null, 7, m.withBits(0), null));
    }

    public Assembler cpuid() { return plain("cpuid", 0x0F, 0xA2); }
    public Assembler rdmsr() { return plain("rdmsr", 0x0F, 0x32); }
    public Assembler wrmsr() { return plain("wrmsr", 0x0F, 0x30); }
    public Assembler rdtsc() { return plain("rdtsc", 0x0F, 0x31); }
    public Assembler cli() { return plain("cli", 0xFA); }
    public Assembler sti() { return plain("sti", 0xFB); }
    public Assembler hlt() { return plain("hlt", 0xF4); }
    public Assembler pause() { return plain("pause", 0xF3, 0x90); }
    public Assembler nop() { return plain("nop", 0x90); }

    /** in al/ax/eax, imm8 or dx. */
    public Assembler in(Gpr dst, Operand port) {
        Encoder e = enc("in", dst, port);
        if (dst.number() != 0 || dst.bits() == 64 || dst.isHighByte()) throw e.error("in reads into al, ax or eax");
        return emit(e, portIo(e, dst.bits(), port, 0xE4, 0xEC));
    }

    /** out imm8 or dx, al/ax/eax. */
    public Assembler out(Operand port, Gpr src) {
        Encoder e = enc("out", port, src);
        if (src.number() != 0 || src.bits() == 64 || src.isHighByte()) throw e.error("out writes from al, ax or eax");
        return emit(e, portIo(e, src.bits(), port, 0xE6, 0xEE));
    }

    private static Encoded portIo(Encoder e, int bits, Operand port, int immOpcode, int dxOpcode) {
        int wide = bits == 8 ? 0 : 1;
        int opBits = bits == 16 ? 16 : 0;
        if (port == Gpr.DX) return e.sized(opBits, false, op(dxOpcode + wide), null);
        if (port instanceof Imm imm && imm.symbol() == null && imm.value() >= 0 && imm.value() <= 255)
            return e.sized(opBits, false, op(immOpcode + wide), ImmField.of(imm.value(), 1));
        throw e.error("the port must be dx or an immediate 0..255");
    }

    // --- strings ---------------------------------------------------------------------------

    public Assembler movsb() { return string("movsb", 0, 0xA4); }
    public Assembler movsd() { return string("movsd", 0, 0xA5); }
    public Assembler movsq() { return string("movsq", 64, 0xA5); }
    public Assembler stosb() { return string("stosb", 0, 0xAA); }
    public Assembler stosd() { return string("stosd", 0, 0xAB); }
    public Assembler stosq() { return string("stosq", 64, 0xAB); }
    /** The byte at [rsi] to port dx. */
    public Assembler outsb() { return string("outsb", 0, 0x6E); }
    /** Compares al with the byte at [rdi]. */
    public Assembler scasb() { return string("scasb", 0, 0xAE); }

    private Assembler string(String name, int opBits, int opcode) {
        int prefix = repPrefix;
        repPrefix = 0;
        boolean compares = name.startsWith("scas");
        Encoder e = new Encoder(mode, (prefix == 0xF3 ? (compares ? "repe " : "rep ") : prefix == 0xF2 ? "repne " : "") + name);
        if (prefix == 0xF2 && !compares) throw e.error("repne applies only to scas (it compares)");
        byte[] body = e.sized(opBits, false, op(opcode), null).bytes();
        byte[] b = prefix == 0 ? body : concat(new byte[] {(byte) prefix}, body);
        return bytes(b, List.of(), e.insn());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private Assembler plain(String name, int... bytes) {
        Encoder e = enc(name);
        return emit(e, e.raw(bytes));
    }

    private Assembler plain32(String name, int... bytes) {
        Encoder e = enc(name);
        if (mode != 32) throw e.error(name + " needs 32-bit mode");
        return emit(e, e.raw(bytes));
    }

    private Assembler plain64(String name, int... bytes) {
        Encoder e = enc(name);
        if (mode != 64) throw e.error(name + " needs 64-bit mode");
        return emit(e, e.raw(bytes));
    }
}
