package micros.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./micros test}: described here, run by the launcher (./mvnw -B verify). */
@Command(name = "test", description = {"Run every test (./mvnw -B verify), as CI does.",
        "Installs the system packages and natives first.",
        "On a terminal (and not under CI=true) the whole-machine campaigns show machines done, failures and time left on stderr."},
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {"0:every test passed", "1:a test failed (Maven's report names it), or the build did", ExitStatus.USAGE_LINE})
final class TestCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--campaign", paramLabel = "N", converter = Sizes.Count.class,
            description = "N tries for each whole-machine property (kernel boots, mutations), and N as every other property's default")
    Long campaign;
    @Option(names = "-D", paramLabel = "PROPERTY=VALUE", description = "a Maven property, e.g. -Dtest=KernelBootTest -Dsurefire.failIfNoSpecifiedTests=false")
    Map<String, String> properties = new LinkedHashMap<>();

    @Override public Integer call() { return LauncherCommand.notHere(spec); }
}
