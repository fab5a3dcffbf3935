package micros.cli;

import micros.release.IsoBuilder;
import micros.release.IsoOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What goes on an ISO and what signs it: the options iso and qemu share. */
final class IsoArgs {
    @Mixin KernelOptions kernel;
    @Mixin SigningKeyOptions keys;
    @Option(names = "--plain", description = "leave the ISO unsigned")
    boolean plain;

    IsoOptions options() {
        return new IsoOptions(kernel.kernel, kernel.modules.stream().map(m -> new IsoBuilder.Module(m.file(), m.string())).toList(), keys.given(), plain);
    }
}
