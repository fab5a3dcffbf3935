package micros.bench.cli;

import micros.bench.machine.CpuModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --cpu} as a user gives it to {@code micros boot}, each in a JVM of its own. */
class CpuOptionTest {
    record Run(int status, String out) {}

    static Run boot(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), BootCommand.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out);
    }

    @Test
    void helpListsEveryModelAndBootsNothing() throws Exception {
        Run r = boot("--cpu", "help");
        assertEquals(0, r.status(), r.out());
        assertEquals(CpuModel.values().length + 2, r.out().lines().count(), "a heading, one line a model, the footnote:\n" + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("epyc-rome +EPYC-Rome +yes +yes +yes +yes +no")), r.out());
    }

    @Test
    void anUnknownModelIsOneLineNamingIt() throws Exception {
        Run r = boot("--cpu", "pentium4");
        assertEquals(2, r.status());
        assertEquals("micros boot: --cpu pentium4: no CPU model 'pentium4' (--cpu help lists them)", r.out().lines().findFirst().orElseThrow());
    }

    /** The model reaches the kernel: micros.elf, which checks CPUID for long mode, boots on qemu64 and reports a 486. */
    @Test
    void theKernelRunsOnTheChosenModel() throws Exception {
        String kernel = "../kernel/target/micros.elf";
        assertTrue(boot("--kernel", kernel, "--cpu", "qemu64").out().contains("micros: long mode"));
        Run i486 = boot("--kernel", kernel, "--cpu", "486");
        assertEquals(0, i486.status(), i486.out());
        assertTrue(i486.out().contains("no long mode"), i486.out());
    }
}
