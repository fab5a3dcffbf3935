package micros.bench.cli;

import micros.asm.Assembler;
import micros.asm.Cond;
import micros.asm.Gpr;
import micros.bench.machine.Machine;
import micros.bench.machine.MachineConfig;
import micros.bench.machine.StopReason;
import micros.bench.machine.cpu.Register;
import micros.bench.console.Console;
import micros.bench.unicorn.Unicorn;
import micros.bench.unicorn.X86;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static micros.asm.Operands.imm;

/**
 * Prints the bench's speed figures: the raw engine on a tight loop with and without a Java hook on
 * every instruction, a whole machine running a loop kernel (plain and traced), the console's single step,
 * interrupt delivery from ring 3, and {@code ./micros boot} from launch to halt.
 */
public final class BenchmarkCommand {
    public static void main(String[] args) throws Exception {
        System.out.println("bench figures (best of 3)");
        System.out.printf("  engine, tight loop, no hooks:            %6.0f M instructions/s%n", best(() -> engineLoop(100_000_000, false)));
        System.out.printf("  engine, tight loop, Java hook per insn:  %6.1f M instructions/s%n", best(() -> engineLoop(20_000_000, true)));
        Path loop = Path.of("fixtures/target/loop.elf");
        if (Files.exists(loop))
            System.out.printf("  machine, loop kernel (block counting):   %6.0f M instructions/s%n", best(() -> machineLoop(loop)));
        if (Files.exists(loop))
            System.out.printf("  machine, loop kernel, tracing to a file:  %6.2f M instructions/s%n", best(() -> tracedLoop(loop)));
        Path kernel = Path.of("kernel/target/micros.elf");
        if (Files.exists(kernel)) {
            double[] ms = stepLatency(kernel, 200);
            System.out.printf("  console, step one instruction:           %6.2f ms median, %.2f ms max (200 steps, best of 3)%n", ms[0], ms[1]);
        }
        Path intLoop = Path.of("fixtures/target/int-loop.elf");
        if (Files.exists(intLoop))
            System.out.printf("  interrupt delivery from ring 3:          %6.2f us per int 0x80 + iretq%n", -best(() -> -ring3Delivery(intLoop)));
        if (Files.isExecutable(Path.of("micros")))
            System.out.printf("  ./micros boot, launch to halt:           %6.2f s%n", -best(() -> -launcherBoot()));
    }

    interface Measure { double run() throws Exception; }

    static double best(Measure m) throws Exception {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 3; i++) best = Math.max(best, m.run());
        return best;
    }

    /** dec rcx; jnz: 2 instructions per turn, run by Unicorn alone. */
    static double engineLoop(long turns, boolean hook) {
        byte[] code = loopCode(turns);
        try (Unicorn uc = Unicorn.open()) {
            uc.setCpuModel(micros.bench.machine.CpuModel.DEFAULT.unicornId());
            uc.map(0x1000, 0x1000, X86.PROT_ALL);
            uc.write(0x1000, code);
            long[] count = {0};
            if (hook) uc.hookCode((address, size) -> count[0]++, 1, 0);
            long t0 = System.nanoTime();
            uc.start(0x1000, 0x1000 + code.length, 0);
            double s = (System.nanoTime() - t0) / 1e9;
            if (hook && count[0] < 2 * turns) throw new IllegalStateException("hook saw " + count[0] + " instructions");
            return 2.0 * turns / s / 1e6;
        }
    }

    static byte[] loopCode(long turns) {
        Assembler a = new Assembler();
        a.mov(Gpr.RCX, imm(turns)).label("loop").dec(Gpr.RCX).jcc(Cond.NE, "loop");
        return a.finish().section(".text").bytes();
    }

    static double machineLoop(Path kernel) throws Exception {
        try (Machine m = Machine.boot(kernel.toString(), Files.readAllBytes(kernel), MachineConfig.defaults())) {
            long t0 = System.nanoTime();
            m.run(0);
            return m.instructionsExecuted() / ((System.nanoTime() - t0) / 1e9) / 1e6;
        }
    }

    static double tracedLoop(Path kernel) throws Exception {
        Path out = Files.createTempFile("trace", ".txt");
        try (Machine m = Machine.boot(kernel.toString(), Files.readAllBytes(kernel), MachineConfig.defaults());
             java.io.OutputStream w = Files.newOutputStream(out)) {
            m.trace(w);
            long t0 = System.nanoTime();
            m.run(2_000_000);
            return m.instructionsExecuted() / ((System.nanoTime() - t0) / 1e9) / 1e6;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The console's {@code s} on the real kernel from long_mode_entry on, {@code steps} times: {median, max} in ms, best of 3 runs. */
    static double[] stepLatency(Path kernel, int steps) throws Exception {
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int run = 0; run < 3; run++) {
            try (Machine m = Machine.boot(kernel.toString(), Files.readAllBytes(kernel), MachineConfig.defaults())) {
                Console console = new Console(m);
                console.execute("b long_mode_entry"); // as in a session: continue to a breakpoint, then step
                console.execute("c");
                double[] ms = new double[steps];
                for (int i = 0; i < steps; i++) {
                    long t0 = System.nanoTime();
                    console.execute("s");
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                java.util.Arrays.sort(ms);
                best[0] = Math.min(best[0], ms[steps / 2]);
                best[1] = Math.min(best[1], ms[steps - 1]);
            }
        }
        return best;
    }

    /** As many deliveries as {@code Fixtures.INT_LOOP_COUNT} (the fixtures module is not on this classpath). */
    static final long INT_LOOP_COUNT = 100_000;

    /** int-loop.elf: user code runs int 0x80 through a DPL-3 gate whose handler only returns; µs per delivery, boot included. */
    static double ring3Delivery(Path kernel) throws Exception {
        try (Machine m = Machine.boot(kernel.toString(), Files.readAllBytes(kernel), MachineConfig.defaults())) {
            long t0 = System.nanoTime();
            StopReason why = m.run(0);
            double us = (System.nanoTime() - t0) / 1e3 / INT_LOOP_COUNT;
            if (!(why instanceof StopReason.Halted) || m.cpl() != 0 || m.reg(Register.RCX) != 0)
                throw new IllegalStateException("int-loop.elf did not run its loop to the end: " + why + "\n" + m.registers());
            return us;
        }
    }

    static double launcherBoot() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("./micros", "boot"));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) throw new IllegalStateException("./micros boot failed");
        return (System.nanoTime() - t0) / 1e9;
    }
}
