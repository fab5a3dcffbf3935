package micros.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/** One {@code micros} command line run in this JVM: its exit status and what it wrote. */
record Run(int status, String out, String err) {
    static Run of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = Micros.run(new PrintStream(out, true), new PrintStream(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    /** The one line a usage error is. */
    String errorLine() {
        if (err.lines().count() != 1) throw new AssertionError("not one line on stderr:\n" + err);
        return err.strip();
    }
}
