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

/** {@code ./micros step [--kernel FILE ...]}: the interactive debugger console (JLine line editing and history). */
public final class StepCommand {
    public static void main(String[] args) throws Exception {
        BootCommand.Options o;
        try {
            o = BootCommand.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("micros step: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (o.listedCpuModels()) return;
        try (Machine m = Machine.boot(o.kernel().toString(), BootCommand.read(o.kernel(), "kernel"), BootCommand.config(o));
             Terminal terminal = TerminalBuilder.builder().system(true).dumb(System.console() == null).build()) {
            for (String w : m.warnings()) System.err.println("micros step: warning: " + w);
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
        } catch (BootException e) {
            System.err.println("micros step: " + e.getMessage());
            System.exit(1);
        }
    }
}
