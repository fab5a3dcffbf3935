package micros.asm;

import capstone.Capstone;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every generated instruction decodes with Capstone to the same instruction and the same length. */
class CapstoneRoundTripTest {
    static final Capstone CS64 = new Capstone(Capstone.CS_ARCH_X86, Capstone.CS_MODE_64);
    static final Capstone CS32 = new Capstone(Capstone.CS_ARCH_X86, Capstone.CS_MODE_32);

    @AfterContainer
    static void close() { CS64.close(); CS32.close(); }

    @Provide Arbitrary<Insn> insn64() { return Forms.any(64); }

    @Provide Arbitrary<Insn> insn32() { return Forms.any(32); }

    @Property(tries = 1500)
    void in64BitModeCapstoneDecodesWhatWeEncoded(@ForAll("insn64") Insn insn) { check(insn, CS64); }

    @Property(tries = 600)
    void in32BitModeCapstoneDecodesWhatWeEncoded(@ForAll("insn32") Insn insn) { check(insn, CS32); }

    /** String instructions, alone and with rep, scas with repne too: Capstone names them so (their operands are implicit). */
    @Example
    void stringInstructionsDecodeWithTheirPrefix() {
        Map<String, Consumer<Assembler>> strings = new LinkedHashMap<>();
        strings.put("movsb", Assembler::movsb); strings.put("movsd", Assembler::movsd); strings.put("stosb", Assembler::stosb);
        strings.put("stosd", Assembler::stosd); strings.put("outsb", Assembler::outsb); strings.put("scasb", Assembler::scasb);
        strings.put("movsq", Assembler::movsq); strings.put("stosq", Assembler::stosq);
        for (int mode : new int[] {64, 32})
            strings.forEach((name, emit) -> {
                if (mode == 32 && name.endsWith("q")) return;
                checkString(new Insn(mode, emit), name);
                checkString(new Insn(mode, a -> emit.accept(a.rep())), (name.equals("scasb") ? "repe " : "rep ") + name);
                Insn repne = new Insn(mode, a -> emit.accept(a.repne()));
                if (name.equals("scasb")) checkString(repne, "repne scasb");
                else assertThrows(AsmException.class, repne::assemble, () -> "repne " + name + " is refused");
            });
    }

    static void checkString(Insn insn, String mnemonic) {
        AssembledSection.Line line = insn.assemble();
        assertEquals(mnemonic, line.text());
        Capstone.CsInsn[] d = (insn.mode() == 64 ? CS64 : CS32).disasm(line.bytes(), 0);
        assertEquals(1, d == null ? 0 : d.length, () -> "one instruction in " + insn);
        assertEquals(line.bytes().length, d[0].size, () -> "length of " + insn);
        assertEquals(mnemonic, d[0].mnemonic, () -> "decoding of " + insn);
    }

    static void check(Insn insn, Capstone cs) {
        AssembledSection.Line line = insn.assemble();
        Capstone.CsInsn[] decoded = cs.disasm(line.bytes(), 0);
        assertEquals(1, decoded == null ? 0 : decoded.length, () -> "one instruction in " + insn);
        Capstone.CsInsn d = decoded[0];
        assertEquals(line.bytes().length, d.size, () -> "length of " + insn);
        String expected = normalize(line.text());
        // 90 is xchg eax, eax in 32-bit mode, which Capstone calls nop; in 64-bit mode it must be 87 c0 (it zero-extends).
        if (cs == CS32 && expected.equals("xchg eax, eax")) expected = "nop";
        assertEquals(expected, normalize(d.mnemonic + " " + d.opStr), () -> "decoding of " + insn);
    }

    private static final Pattern SIXTEEN_BIT = Pattern.compile("\\b(ax|bx|cx|dx|si|di|sp|bp|r\\d+w)\\b|(?<![dq])word ptr");
    private static final Pattern TRAILING_IMM = Pattern.compile(", (0x[0-9a-f]+)$");
    private static final Pattern XCHG_REGS = Pattern.compile("xchg (\\w+), (\\w+)");
    private static final Pattern SIGNED = Pattern.compile("([+-]) (0x[0-9a-f]+|\\d+)");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w*])(-?)(0x[0-9a-f]+|\\d+)(?![\\w*])");

    /**
     * One spelling for both sides: lower case, movabs as mov, the string 'ptr' forms as given, every
     * number as hex of its value (a 32-bit two's complement view when it fits), memory terms added.
     */
    static String normalize(String s) {
        String t = s.toLowerCase(Locale.ROOT).trim().replaceAll("\\s+", " ").replace("movabs", "mov");
        Matcher m = SIGNED.matcher(t);
        StringBuilder b = new StringBuilder();
        while (m.find()) m.appendReplacement(b, "+ " + (m.group(1).equals("-") ? "-" : "") + m.group(2));
        m.appendTail(b);
        m = NUMBER.matcher(b.toString());
        StringBuilder c = new StringBuilder();
        while (m.find()) {
            long v = parse(m.group(2));
            if (m.group(1).equals("-")) v = -v;
            m.appendReplacement(c, canonical(v));
        }
        m.appendTail(c);
        String r = c.toString().replace("*1]", "]").replace("*1 ", " ").replace("+ 0x0]", "]");
        if (r.equals("xchg ax, ax") || r.equals("xchg rax, rax")) return "nop"; // 66 90 and 48 90
        Matcher imm = TRAILING_IMM.matcher(r);
        if (SIXTEEN_BIT.matcher(r).find() && imm.find()) // Capstone shows a 16-bit op's sign-extended imm8 at 32 bits
            r = r.substring(0, imm.start(1)) + "0x" + Long.toHexString(parse(imm.group(1)) & 0xFFFF);
        if (r.equals("sysretq")) return "sysret"; // Capstone 4 names 48 0f 07 sysret; the length check sees the REX.W
        Matcher x = XCHG_REGS.matcher(r);
        if (x.matches() && x.group(1).compareTo(x.group(2)) > 0) return "xchg " + x.group(2) + ", " + x.group(1); // operands commute
        return r;
    }

    static long parse(String n) { return n.startsWith("0x") ? Long.parseUnsignedLong(n.substring(2), 16) : Long.parseUnsignedLong(n); }

    static String canonical(long v) { return v == (int) v ? "0x" + Integer.toHexString((int) v) : "0x" + Long.toHexString(v); }
}
