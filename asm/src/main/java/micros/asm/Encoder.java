package micros.asm;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes one instruction: legacy prefixes, REX, opcode, ModRM, SIB, displacement, immediate
 * (Intel SDM vol. 2, chapter 2). One Encoder per instruction; {@code insn} names it in errors.
 */
final class Encoder {
    /** An immediate field: {@code size} bytes, or a symbol reference the linker fills in. */
    record ImmField(long value, int size, String symbol, RelocKind kind) {
        static ImmField of(long value, int size) { return new ImmField(value, size, null, null); }
    }

    private final int mode;
    private final String insn;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    private final List<Reloc> relocs = new ArrayList<>();

    Encoder(int mode, String insn) {
        this.mode = mode;
        this.insn = insn;
    }

    AsmException error(String why) { return new AsmException(insn + ": " + why); }

    int mode() { return mode; }

    /** The instruction as text, e.g. {@code mov eax, dword ptr [rbx + 8]}. */
    String insn() { return insn; }

    /** Instructions without operands that need encoding work: just bytes. */
    Encoded raw(int... bytes) {
        for (int b : bytes) out.write(b);
        return done();
    }

    /**
     * The general form: [66][67][mandatory prefix][REX] opcode ModRM [SIB] [disp] [imm].
     * {@code reg} is the ModRM reg operand or null, in which case {@code digit} fills the field.
     * {@code rm} is a register or memory operand. {@code opBits} is the operand size (0: none/implied).
     * {@code default64}: in 64-bit mode the instruction defaults to 64-bit operands (no REX.W).
     */
    Encoded modrm(int opBits, boolean default64, int mandatory, int[] opcode, Reg reg, int digit, Operand rm, ImmField imm) {
        Mem m = rm instanceof Mem mm ? mm : null;
        if (m != null && addressBits(m) != mode) out.write(0x67); // GNU as puts 67 before 66
        int rex = operandSizePrefix(opBits, default64);
        if (mandatory != 0) out.write(mandatory);
        int regNum = reg != null ? reg.number() : digit;
        if (regNum >= 8) rex |= 0x44;
        if (rm instanceof Reg r && r.number() >= 8) rex |= 0x41;
        if (m != null) {
            if (m.index() != null && m.index().number() >= 8) rex |= 0x42;
            if (m.base() != null && m.base().number() >= 8) rex |= 0x41;
        }
        rex |= byteRegRex(reg, rm);
        writeRex(rex, reg, rm);
        for (int b : opcode) out.write(b);
        int prefixAndOpcode = out.size();
        if (m == null) {
            out.write(0xC0 | (regNum & 7) << 3 | ((Reg) rm).number() & 7);
        } else {
            memory(regNum & 7, m, imm == null ? 0 : imm.size());
        }
        immediate(imm);
        assert prefixAndOpcode > 0;
        return done();
    }

    /** Opcode with the register in its low three bits (push r, mov r, imm, xchg rax, r). */
    Encoded opReg(int opBits, boolean default64, int opcode, Gpr r, ImmField imm) {
        int rex = operandSizePrefix(opBits, default64);
        if (r.number() >= 8) rex |= 0x41;
        rex |= byteRegRex(null, r);
        writeRex(rex, null, r);
        out.write(opcode + (r.number() & 7));
        immediate(imm);
        return done();
    }

    /** A two-byte opcode 0F xx with the register in the low three bits of xx (bswap). */
    Encoded opReg0F(int opBits, int opcode, Gpr r) {
        int rex = operandSizePrefix(opBits, false);
        if (r.number() >= 8) rex |= 0x41;
        writeRex(rex, null, r);
        out.write(0x0F);
        out.write(opcode + (r.number() & 7));
        return done();
    }

    /** Opcode bytes with an operand-size prefix/REX.W and an optional immediate (e.g. A8 ib, 05 id, iretq). */
    Encoded sized(int opBits, boolean default64, int[] opcode, ImmField imm) {
        int rex = operandSizePrefix(opBits, default64);
        writeRex(rex, null, null);
        for (int b : opcode) out.write(b);
        immediate(imm);
        return done();
    }

    /** A relative branch: opcode then a rel8/rel32 field filled by the assembler or the linker. */
    Encoded branch(int[] opcode, int relSize, long rel, String symbol) {
        for (int b : opcode) out.write(b);
        if (symbol != null) {
            relocs.add(new Reloc(out.size(), RelocKind.PC32, symbol, -4));
            writeLE(0, 4);
        } else {
            writeLE(rel, relSize);
        }
        return done();
    }

    // ---------------------------------------------------------------------------------------

    private int operandSizePrefix(int opBits, boolean default64) {
        switch (opBits) {
            case 16 -> out.write(0x66);
            case 64 -> {
                if (mode != 64) throw error("64-bit operand size needs 64-bit mode");
                if (!default64) return 0x48;
            }
            case 32 -> {
                if (default64 && mode == 64) throw error("32-bit operand size is not encodable in 64-bit mode");
            }
            default -> { }
        }
        return 0;
    }

    /** SPL/BPL/SIL/DIL exist only with an (empty) REX prefix. */
    private static int byteRegRex(Reg reg, Operand rm) {
        boolean need = reg instanceof Gpr g && g.bits() == 8 && g.needsRex()
                || rm instanceof Gpr r && r.bits() == 8 && r.needsRex();
        return need ? 0x40 : 0;
    }

    private void writeRex(int rex, Reg reg, Operand rm) {
        if (rex == 0) return;
        if (mode != 64) {
            Reg culprit = reg != null && reg.number() >= 8 ? reg : (rm instanceof Reg r ? r : reg);
            throw error((culprit != null ? culprit + " needs" : "operands need") + " 64-bit mode");
        }
        if (reg instanceof Gpr g && g.isHighByte() || rm instanceof Gpr r && r.isHighByte())
            throw error("ah/bh/ch/dh cannot be used in an instruction that needs a REX prefix");
        out.write(rex);
    }

    private int addressBits(Mem m) {
        int bits = 0;
        for (Gpr g : new Gpr[] {m.base(), m.index()}) {
            if (g == null) continue;
            if (g.bits() != 32 && g.bits() != 64) throw error("address register " + g + " must be 32 or 64 bits");
            if (bits != 0 && bits != g.bits()) throw error("base and index registers differ in width");
            bits = g.bits();
        }
        if (bits == 0) return mode;
        if (bits == 64 && mode != 64) throw error("64-bit address registers need 64-bit mode");
        return bits;
    }

    /** ModRM (+SIB, +displacement) for a memory operand; {@code immSize} bytes follow it. */
    private void memory(int reg, Mem m, int immSize) {
        Gpr base = m.base(), index = m.index();
        if (index != null && index.number() == 4) throw error(index + " cannot be an index register");
        int scaleBits = Integer.numberOfTrailingZeros(m.scale());
        if (m.ripRelative() || (m.symbol() != null && base == null && index == null && mode == 64)) {
            if (mode != 64) throw error("RIP-relative addressing needs 64-bit mode");
            if (base != null || index != null) throw error("RIP-relative operands take no base or index");
            out.write(reg << 3 | 5);
            if (m.symbol() != null) {
                relocs.add(new Reloc(out.size(), RelocKind.PC32, m.symbol(), m.disp() - 4 - immSize));
                writeLE(0, 4);
            } else {
                writeLE(checkedDisp32(m.disp()), 4);
            }
            return;
        }
        if (base == null) {
            if (index == null && mode == 32) {
                out.write(reg << 3 | 5);
            } else {
                out.write(reg << 3 | 4);
                out.write(scaleBits << 6 | (index == null ? 4 : index.number() & 7) << 3 | 5);
            }
            disp32(m, mode == 32 ? RelocKind.ABS32 : RelocKind.ABS32S);
            return;
        }
        int mod;
        boolean hasSymbol = m.symbol() != null;
        if (hasSymbol || !fitsSigned8(m.disp())) mod = 2;
        else if (m.disp() != 0 || (base.number() & 7) == 5) mod = 1;
        else mod = 0;
        if (index == null && (base.number() & 7) != 4) {
            out.write(mod << 6 | reg << 3 | base.number() & 7);
        } else {
            out.write(mod << 6 | reg << 3 | 4);
            out.write(scaleBits << 6 | (index == null ? 4 : index.number() & 7) << 3 | base.number() & 7);
        }
        if (mod == 1) out.write((int) m.disp());
        else if (mod == 2) disp32(m, addressBits(m) == 32 ? RelocKind.ABS32 : RelocKind.ABS32S);
    }

    private void disp32(Mem m, RelocKind kind) {
        if (m.symbol() != null) {
            relocs.add(new Reloc(out.size(), kind, m.symbol(), m.disp()));
            writeLE(0, 4);
        } else if (mode == 32 || addressBitsOf(m) == 32) {
            if (m.disp() < Integer.MIN_VALUE || m.disp() > 0xFFFF_FFFFL)
                throw error("displacement " + Mem.hex(m.disp()) + " does not fit in 32 bits");
            writeLE(m.disp(), 4);
        } else {
            writeLE(checkedDisp32(m.disp()), 4);
        }
    }

    private static int addressBitsOf(Mem m) {
        return m.base() != null ? m.base().bits() : m.index() != null ? m.index().bits() : 0;
    }

    private long checkedDisp32(long disp) {
        if (disp != (int) disp) throw error("displacement " + Mem.hex(disp) + " does not fit in a signed 32-bit field");
        return disp;
    }

    private void immediate(ImmField imm) {
        if (imm == null) return;
        if (imm.symbol() != null) {
            relocs.add(new Reloc(out.size(), imm.kind(), imm.symbol(), imm.value()));
            writeLE(0, imm.size());
            return;
        }
        long v = imm.value();
        boolean fits = switch (imm.size()) {
            case 1 -> v >= -128 && v <= 255;
            case 2 -> v >= -32768 && v <= 65535;
            case 4 -> v >= Integer.MIN_VALUE && v <= 0xFFFF_FFFFL;
            default -> true;
        };
        if (!fits) throw error("immediate " + Mem.hex(v) + " does not fit in " + imm.size() * 8 + " bits");
        writeLE(v, imm.size());
    }

    private void writeLE(long v, int size) {
        for (int i = 0; i < size; i++) out.write((int) (v >>> (8 * i)));
    }

    private Encoded done() { return new Encoded(out.toByteArray(), List.copyOf(relocs)); }

    static boolean fitsSigned8(long v) { return v >= -128 && v <= 127; }

    static boolean fitsSigned32(long v) { return v == (int) v; }
}
