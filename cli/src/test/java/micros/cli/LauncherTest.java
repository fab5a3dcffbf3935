package micros.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ./micros script end to end: it dispatches to this command line and passes its exit status on. */
class LauncherTest {
    record Ran(int status, String out, String err) {}

    static Ran micros(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("./micros"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("..").toFile());
        pb.environment().put("CI", "true"); // no progress lines
        pb.environment().put("MICROS_NO_BUILD", "1"); // this Maven build is the build
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        return new Ran(p.exitValue(), out, err);
    }

    @Test
    void helpAndErrorsThroughTheScript() throws Exception {
        Ran help = micros("test", "--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith("Usage: micros test"), help.out());
        Ran bad = micros("boot", "--memory", "12Q");
        assertEquals(2, bad.status());
        assertTrue(bad.err().endsWith("micros boot: --memory '12Q': not a size (use e.g. 128M or 4G)\n"), bad.err());
    }

    @Test
    void aKernelBootsThroughTheScript() throws Exception {
        Ran r = micros("boot", "--kernel", "fixtures/target/hello.elf");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains(micros.fixtures.Fixtures.HELLO_LINE), r.out());
    }

    /** The build's status line: Maven's "Building" lines become one line rewritten in place, the rest is dropped. */
    @Test
    void theBuildShowsTheModuleItIsAt() throws Exception {
        String maven = "[INFO] Scanning for projects...\n[INFO] Building micros 0.1.0-SNAPSHOT                    [1/15]\n"
                + "[INFO] --- compiler:3.14.0:compile ---\n[INFO] Building asm 0.1.0-SNAPSHOT                       [2/15]\n";
        String script = "source <(sed -n '/^module_status()/,/^}/p' micros); module_status";
        Process p = new ProcessBuilder("bash", "-c", script).directory(Path.of("..").toFile()).start();
        p.getOutputStream().write(maven.getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes()), err = new String(p.getErrorStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals("", out, "the status goes to stderr");
        assertEquals("\r\033[Kmicros: building module 1/15: micros\r\033[Kmicros: building module 2/15: asm\r\033[K", err);
    }
}
