package micros.bench.cli;

import micros.bench.disasm.Disassembler;
import micros.bench.machine.Machine;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code micros version}: the Unicorn, Capstone, QEMU, GRUB and JDK the project runs with, one line each. */
public final class VersionCommand {
    private VersionCommand() {}

    public static void print(PrintStream out) {
        out.println("Unicorn  " + Machine.engineVersion());
        out.println("Capstone " + Disassembler.libraryVersion());
        out.println("QEMU     " + firstLine(List.of("qemu-system-x86_64", "--version")));
        out.println("GRUB     " + firstLine(List.of("grub-mkrescue", "--version")));
        out.println("JDK      " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")");
    }

    /** The tool's first output line, or why there is none. */
    private static String firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return out.isEmpty() ? command.getFirst() + " printed nothing" : out.lines().findFirst().orElseThrow();
        } catch (IOException e) {
            return "not installed (" + command.getFirst() + " not found; ./micros setup installs it)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
