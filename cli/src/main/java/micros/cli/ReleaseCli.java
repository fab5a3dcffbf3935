package micros.cli;

import micros.release.IsoBuilder;
import micros.release.IsoOptions;
import micros.release.ReleaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ./micros release}: the front end of release's {@link ReleaseCommand}. */
@Command(name = "release", description = {"Build release/ (signed ISO, certificates, OpenPGP key, SHA256SUMS, build record), check it, then install it.",
        "release/ gets the signed ISO, the certificate as PEM and DER, the OpenPGP public key, SHA256SUMS and the build record,",
        "replaced only once the new ones pass their check. Keys: the options, MICROS_* variables, else a key pair in $MICROS_RELEASE_KEYS",
        "(default ~/.cache/micros/release-keys), made the first time."},
        exitCodeListHeading = ExitStatus.HEADING,
        exitCodeList = {ExitStatus.OK_LINE, "1:the build or its check failed (release/ is left as it was)", ExitStatus.USAGE_LINE})
final class ReleaseCli implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin KernelOptions kernel;
    @Mixin SigningKeyOptions keys;

    @Override public Integer call() throws Exception {
        Io io = Io.of(spec);
        IsoOptions o = new IsoOptions(kernel.kernel, kernel.modules.stream().map(m -> new IsoBuilder.Module(m.file(), m.string())).toList(), keys.given(), false);
        return ReleaseCommand.run(o, io.out(), io.err());
    }
}
