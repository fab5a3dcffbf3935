package micros.bench.cli;

import micros.bench.console.Console;
import micros.bench.machine.BootException;
import micros.bench.machine.Machine;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.IOException;
import java.io.PrintStream;

/** {@code ./micros step}: the interactive debugger console (JLine line editing and history) on the booted machine. */
public final class StepCommand {
    private StepCommand() {}

    /** Runs the console until q, Ctrl-D or Ctrl-C; 1 when the machine does not boot. */
    public static int run(BootCommand.Options o, PrintStream err) throws IOException {
        try (Machine m = BootCommand.boot(o);
             Terminal terminal = TerminalBuilder.builder().system(true).dumb(System.console() == null).build()) {
            for (String w : m.warnings()) err.println("micros step: warning: " + w);
            Console console = new Console(m);
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            terminal.writer().println("micros: " + o.kernel() + " loaded, stopped before its first instruction; 'help' lists commands");
            terminal.writer().println(console.execute("u 0x" + Long.toHexString(m.pc()) + " 1"));
            while (true) {
                String line;
                try {
                    line = reader.readLine("(micros) ");
                } catch (UserInterruptException | EndOfFileException e) {
                    break;
                }
                if (line.trim().equals("q") || line.trim().equals("quit")) break;
                terminal.writer().println(console.execute(line));
                terminal.flush();
            }
            return 0;
        } catch (BootException e) {
            err.println("micros step: " + e.getMessage());
            return 1;
        }
    }
}
