package micros.compare;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonTest {
    static final QemuVersion QEMU_7_2 = new QemuVersion(7, 2, 22);
    static final Ending HALTED = new Ending(Ending.Kind.HALTED, ""), RESET = new Ending(Ending.Kind.RESET, "");

    static Run run(String com1, Ending ending) { return new Run(com1, ending, 0); }

    @Test
    void sameLinesAndEndingAgree() {
        Comparison c = Comparison.of(run("a\nb\n", HALTED), run("a\nb\n", HALTED), QEMU_7_2, line -> false);
        assertTrue(c.agrees());
        assertEquals(List.of(), c.differences());
    }

    @Test
    void aMissingLineAndAnotherEndingAreTwoDifferences() {
        Comparison c = Comparison.of(run("a\nb\n", HALTED), run("a\n", RESET), QEMU_7_2, line -> false);
        assertFalse(c.agrees());
        assertEquals(List.of(new Difference.Lines(new LineDiff.Hunk(1, List.of("b"), 1, List.of()))), c.differences().subList(0, 1));
        assertEquals(new Difference.Endings(HALTED, RESET), c.differences().get(1));
        String report = ComparisonReport.text("k.elf", new BootSpec(java.nio.file.Path.of("k.elf"), List.of(), micros.bench.machine.CpuModel.DEFAULT, 1, 1), c);
        assertTrue(report.contains("bench line 2, QEMU (none, before line 2) differ:\n    bench | b\n"), report);
        assertTrue(report.contains("the runs end differently: the bench's in clean halt, QEMU's in reset (triple fault)"), report);
        assertTrue(report.endsWith("  2 differences\n"), report);
    }

    @Test
    void aKnownDeviationIsReportedButDoesNotCount() {
        Comparison c = Comparison.of(run("x\n#GP(0x40a)\n", HALTED), run("x\n#GP(0x812)\n", HALTED), QEMU_7_2, line -> false);
        assertTrue(c.agrees());
        Difference.Explained e = assertInstanceOf(Difference.Explained.class, c.differences().getFirst());
        assertEquals(QemuDeviation.IDT_ERROR_CODE_VECTOR_TIMES_16, e.deviation());
        assertFalse(Comparison.of(run("#GP(0x40a)\n", HALTED), run("#GP(0x812)\n", HALTED), new QemuVersion(8, 2, 0), line -> false).agrees(),
                "from a QEMU that computes it right, the same difference is the bench's");
    }

    @Test
    void benchOnlyLinesAreLeftOutOnBothSidesAndShown() {
        Comparison c = Comparison.of(run("count 0x3e7\nticks\n", HALTED), run("count 0x12\nticks\n", HALTED), QEMU_7_2, line -> line.startsWith("count "));
        assertTrue(c.agrees());
        assertEquals(new LineDiff.Hunk(0, List.of("count 0x3e7"), 0, List.of("count 0x12")), c.leftOut());
    }

    @Test
    void aLastLineWithoutNewlineIsALineAndControlCharactersAreShown() {
        assertEquals(List.of("a", "b"), run("a\nb", HALTED).lines());
        assertEquals(List.of(), run("", HALTED).lines());
        assertEquals("x\\r\\x1b[H", ComparisonReport.visible("x\r\u001b[H"));
    }

    @Test
    void exitStatusesAreComparedAndBothShown() {
        String waits = "micros: every process waits; idle\nmicros: exit status 0 (every process waits) to isa-debug-exit\n";
        Run bench = run(waits, Ending.exitStatus(0, waits)), qemu = run(waits, Ending.exitStatus(2, waits));
        Comparison c = Comparison.of(bench, qemu, QEMU_7_2, line -> false);
        assertEquals(List.of(new Difference.Endings(bench.ending(), qemu.ending())), c.differences(), "the same lines, another status");
        String report = ComparisonReport.text("k.elf", new BootSpec(java.nio.file.Path.of("k.elf"), List.of(), micros.bench.machine.CpuModel.DEFAULT, 1, 1), c);
        assertTrue(report.contains("  bench:        2 lines, exit status 0 (every process waits), "), report);
        assertTrue(report.contains("2 lines, exit status 2 (not printed on COM1), "), "the name comes from the status line of that status:\n" + report);
        assertTrue(Comparison.of(bench, run(waits, Ending.exitStatus(0, waits)), QEMU_7_2, line -> false).agrees());
    }

    @Test
    void aRunWithoutStatusIsJudgedByHowItStoppedAndSaysSo() {
        Ending idle = new Ending(Ending.Kind.IDLE, "hlt");
        assertFalse(Comparison.of(run("", idle), run("", Ending.exitStatus(0, "")), QEMU_7_2, line -> false).agrees(), "a status against none");
        Comparison c = Comparison.of(run("a\n", HALTED), run("a\n", HALTED), QEMU_7_2, line -> false);
        assertTrue(c.agrees());
        String report = ComparisonReport.text("k.elf", new BootSpec(java.nio.file.Path.of("k.elf"), List.of(), micros.bench.machine.CpuModel.DEFAULT, 1, 1), c);
        assertTrue(report.contains("1 line, clean halt, no exit status, "), report);
    }

    /** QEMU's exit code keeps 7 bits of the status; the bench's 32 agree with it there. */
    @Test
    void statusesAgreeInTheBitsQemusExitCodeKeeps() {
        assertTrue(Ending.exitStatus(0x1234, "").sameAs(Ending.exitStatus(0x34, "")));
        assertFalse(Ending.exitStatus(0x1234, "").sameAs(Ending.exitStatus(0x35, "")));
        assertFalse(new Ending(Ending.Kind.EXIT_STATUS, Ending.NO_STATUS, "").sameAs(Ending.exitStatus(0x7f, "")));
    }
}
