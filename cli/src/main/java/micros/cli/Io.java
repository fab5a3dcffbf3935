package micros.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;

/** Where a command writes: the root command's streams (System's, or a test's). */
record Io(PrintStream out, PrintStream err) {
    static Io of(CommandSpec spec) { return ((Micros) spec.root().userObject()).io; }
}
