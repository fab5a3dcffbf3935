package micros.cli;

/**
 * The exit statuses every {@code ./micros} command uses, and the lines of its help that say so. What "the run
 * failed" means is the command's own (a kernel fault, a test failure, QEMU's status…), so each help says it.
 */
final class ExitStatus {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String HEADING = "%nExit status:%n";
    static final String OK_LINE = "0:done";
    static final String USAGE_LINE = "2:a bad command line (one line on stderr names the option and the value)";

    private ExitStatus() {}
}
