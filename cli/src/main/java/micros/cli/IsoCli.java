package micros.cli;

import micros.release.IsoCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./micros iso}: the front end of release's {@link IsoCommand}. */
@Command(name = "iso", description = {"Build the signed hybrid BIOS/UEFI GRUB ISO of the kernel and its modules and print its path.",
        "Signed with the keys the options or MICROS_* variables name, else with the checkout's development keys."},
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.OK_LINE, "1:the build failed (a missing tool or key, a failed signature), or --check-reproducible found a difference",
                ExitStatus.USAGE_LINE})
final class IsoCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin IsoArgs iso;
    @Option(names = "--out", paramLabel = "ISO", description = "where to write it (default: release/target/micros-amd64.iso)")
    Path out;
    @Option(names = "--check-reproducible", description = "build it twice and say whether the two are byte-identical")
    boolean checkReproducible;

    @Override public Integer call() {
        Io io = Io.of(spec);
        return checkReproducible ? IsoCommand.checkReproducible(iso.options(), io.out()) : IsoCommand.build(iso.options(), out, io.out());
    }
}
