package micros.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./micros bench}: every module's benchmark, each in a JVM of its own with its module's classpath, as
 * a figure is meant (no benchmark warms or slows another's JIT).
 */
@Command(name = "bench", description = "Run the benchmarks (bench, speed, compiler, kernel boot, release ISO and QEMU boots) and print their figures.",
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.OK_LINE, "1:a benchmark failed (its own message says why)", ExitStatus.USAGE_LINE})
final class BenchCli implements Callable<Integer> {
    /** A benchmark: the module whose classpath it runs with, and its main class. */
    record Benchmark(String module, String main) {}

    static final List<Benchmark> ALL = List.of(
            new Benchmark("emu-bench", "micros.bench.cli.BenchmarkCommand"),
            new Benchmark("speed", "micros.speed.SpeedBenchmark"),
            new Benchmark("crosscheck", "micros.crosscheck.CompilerBenchmark"),
            new Benchmark("crosscheck", "micros.crosscheck.KernelBootBenchmark"),
            new Benchmark("release", "micros.release.BootBenchmark"));

    @Spec CommandSpec spec;

    @Override public Integer call() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Benchmark b : ALL) {
            Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", b.module() + "/target/classes:" + b.module() + "/target/lib/*", b.main())
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                Io.of(spec).err().println("micros bench: " + b.main() + " failed (exit status " + p.exitValue() + ")");
                return ExitStatus.FAILED;
            }
        }
        return ExitStatus.OK;
    }
}
