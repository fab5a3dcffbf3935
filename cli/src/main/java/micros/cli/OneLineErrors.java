package micros.cli;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Every failure as one line on stderr, {@code micros COMMAND: what is wrong}, naming the option and the value:
 * a bad command line exits 2, a run that fails 1.
 */
final class OneLineErrors {
    private OneLineErrors() {}

    static int usage(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + message(e));
        cl.getErr().flush();
        return ExitStatus.USAGE;
    }

    static String message(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        if (e.getCause() instanceof TypeConversionException t && arg != null)
            return name(arg) + " '" + e.getValue() + "': " + t.getMessage();
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().getFirst();
            if (first.startsWith("-")) return "unknown option '" + first + "'";
            boolean root = u.getCommandLine().getCommandSpec().parent() == null;
            return root ? "unknown command '" + first + "' (./micros --help lists them)" : "unexpected argument '" + first + "'";
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().getFirst();
            return e.getMessage().startsWith("Missing required parameter for option")
                    ? name(missing) + " needs a value"
                    : name(missing) + (missing instanceof OptionSpec o ? " " + o.paramLabel() : "") + " is required";
        }
        String m = e.getMessage();
        return m.startsWith("Error: ") ? m.substring("Error: ".length()) : m; // picocli's argument-group messages
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : ((PositionalParamSpec) a).paramLabel();
    }

    static int failure(Exception e, CommandLine cl, ParseResult parsed) {
        String what = e.getMessage() != null ? e.getMessage() : e.toString();
        // A failure the command names (a missing file, a failed tool) is its message; anything else is a bug: say what it is.
        if (!(e instanceof RuntimeException) || e.getClass().getName().startsWith("java.lang.") && !(e instanceof IllegalStateException || e instanceof IllegalArgumentException))
            what = e.getClass().getSimpleName() + ": " + what;
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + what);
        cl.getErr().flush();
        return ExitStatus.FAILED;
    }
}
