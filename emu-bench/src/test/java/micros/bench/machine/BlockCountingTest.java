package micros.bench.machine;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.ElfImage;
import micros.asm.Linker;
import micros.asm.Section;
import micros.fixtures.ApicKernels;
import micros.kernel.boot.MultibootHeader;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static micros.asm.Gpr.*;
import static micros.asm.Operands.addr;
import static micros.asm.Operands.dword;
import static micros.asm.Operands.imm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The native block counter counts exactly what the Java hook on every block counted, and what a hook on
 * every instruction (the tracer) sees; a budget ends on the very instruction it names, mid-block too; the
 * APIC clock, which runs on the count, ticks at the same instructions either way.
 */
class BlockCountingTest {
    static final long BUDGET = 10_000_000;

    @Property(tries = 30)
    void theNativeCountIsTheJavaCountAndTheTracedCount(@ForAll @Size(min = 1, max = 10) List<@IntRange(min = 0, max = 999) Integer> ops,
                                                       @ForAll @IntRange(min = 1, max = 12) int turns) {
        byte[] kernel = program(ops, turns).bytes();
        Run fast = run(kernel, false, 0), java = run(kernel, true, 0);
        assertInstanceOf(StopReason.Halted.class, fast.why);
        assertEquals(java, fast);
        List<String> trace = trace(kernel);
        assertEquals(trace.size(), fast.executed, "one traced instruction per counted one");
    }

    @Property(tries = 30)
    void aBudgetEndsOnTheInstructionItNames(@ForAll @Size(min = 1, max = 10) List<@IntRange(min = 0, max = 999) Integer> ops,
                                            @ForAll @IntRange(min = 1, max = 12) int turns, @ForAll @IntRange(min = 0, max = 1_000_000) int where) {
        byte[] kernel = program(ops, turns).bytes();
        List<String> trace = trace(kernel);
        long k = 1 + where % (trace.size() - 1);
        try (Machine m = Machine.boot("program.elf", kernel, MachineConfig.defaults())) {
            assertEquals(new StopReason.BudgetExhausted(k), m.run(k));
            assertEquals(k, m.instructionsExecuted());
            assertEquals(address(trace.get((int) k)), m.pc(), "stopped before instruction " + (k + 1) + ": " + trace.get((int) k));
            assertInstanceOf(StopReason.Halted.class, m.run(BUDGET));
            assertEquals(trace.size(), m.instructionsExecuted(), "and the rest runs on");
        }
    }

    @Property(tries = 20)
    void runsInSlicesAddUpToOneRun(@ForAll @Size(min = 1, max = 10) List<@IntRange(min = 0, max = 999) Integer> ops,
                                   @ForAll @IntRange(min = 1, max = 6) int turns, @ForAll @IntRange(min = 3, max = 60) int slice) {
        byte[] kernel = program(ops, turns).bytes();
        Run whole = run(kernel, false, 0);
        try (Machine m = Machine.boot("program.elf", kernel, MachineConfig.defaults())) {
            StopReason why;
            long runs = 0;
            while ((why = m.run(slice)) instanceof StopReason.BudgetExhausted) assertEquals(++runs * slice, m.instructionsExecuted());
            assertInstanceOf(StopReason.Halted.class, why);
            assertEquals(whole, new Run(why, m.instructionsExecuted(), m.time(), m.registers(), m.serial().text()));
        }
    }

    @Property(tries = 15)
    void apicTicksComeAtTheSameInstructionsEitherWay(@ForAll @IntRange(min = 1, max = 40) int instructionsPerTick) {
        ElfImage image = ApicKernels.userPreemption();
        Run fast = run(image.bytes(), false, instructionsPerTick), java = run(image.bytes(), true, instructionsPerTick);
        assertInstanceOf(StopReason.Halted.class, fast.why, fast::toString);
        assertEquals(java, fast);
        ElfImage timer = ApicKernels.apicTimer();
        assertEquals(run(timer.bytes(), true, instructionsPerTick), run(timer.bytes(), false, instructionsPerTick));
    }

    /**
     * What a run leaves: why it stopped, the count, the machine's clock, every register, COM1. Not CR2, which
     * Unicorn itself overwrites at some stops (see README), so that it depends on how many there were.
     */
    record Run(StopReason why, long executed, long time, String registers, String serial) {
        Run {
            registers = registers.replaceAll("cr2 +[0-9a-f]+", "cr2 -");
        }
    }

    static Run run(byte[] kernel, boolean inJava, int instructionsPerTick) {
        MachineConfig config = MachineConfig.defaults();
        if (instructionsPerTick > 0) config = config.withInstructionsPerApicTick(instructionsPerTick);
        try (Machine m = Machine.boot("program.elf", kernel, config)) {
            if (inJava) m.countEveryBlockInJava();
            StopReason why = m.run(BUDGET);
            return new Run(why, m.instructionsExecuted(), m.time(), m.registers(), m.serial().text());
        }
    }

    static List<String> trace(byte[] kernel) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Machine m = Machine.boot("program.elf", kernel, MachineConfig.defaults())) {
            m.trace(out);
            assertInstanceOf(StopReason.Halted.class, m.run(BUDGET));
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static long address(String traceLine) { return Long.parseUnsignedLong(traceLine.substring(0, 16), 16); }

    /**
     * A 32-bit kernel running {@code ops} {@code turns} times, then halting. Each op (kind = op % 6, parameter
     * = op / 6) is a short run of arithmetic, a counted loop, a branch taken or not, a call, memory traffic, or a
     * loop whose body is one block with its own branch back.
     */
    static ElfImage program(List<Integer> ops, int turns) {
        Assembler a = new Assembler();
        MultibootHeader.emit(a, 0, 0, 0);
        a.section(Section.TEXT).bits(32).global("_start").label("_start");
        a.cli().mov(ESP, addr("stack_top")).mov(EDI, imm(turns));
        a.label("turn");
        for (int i = 0; i < ops.size(); i++) {
            int op = ops.get(i), p = op / 6;
            String l = "op" + i;
            switch (op % 6) {
                case 0 -> a.add(EAX, imm(p)).xor(EBX, EAX).inc(EDX);
                case 1 -> a.mov(ECX, imm(p % 7 + 1)).label(l).add(ESI, ECX).dec(ECX).jcc(Cond.NE, l);
                case 2 -> a.test(EAX, imm(1 << p % 8)).jcc(Cond.E, l).inc(EBP).add(EAX, EBX).label(l);
                case 3 -> a.call("sub");
                case 4 -> a.mov(dword("scratch"), EAX).add(EBX, dword("scratch")).imul(EBX, EBX);
                default -> a.mov(ECX, imm(p % 5 + 1)).label(l).dec(ECX).jcc(Cond.NE, l);
            }
        }
        a.dec(EDI).jcc(Cond.NE, "turn");
        a.label("halt").cli().hlt().jmp("halt");
        a.label("sub").add(EDX, imm(3)).ret();
        a.section(Section.BSS).align(16).label("scratch").space(16).space(4096).label("stack_top");
        return new Linker().add(a.finish()).segment(MultibootHeader.SECTION.name(), 0x100000).entry("_start").link();
    }
}
