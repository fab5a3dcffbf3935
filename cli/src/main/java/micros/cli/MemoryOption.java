package micros.cli;

import micros.bench.cli.BootCommand;
import picocli.CommandLine.Option;

/** {@code --memory SIZE}: the emulated machine's RAM. */
final class MemoryOption {
    @Option(names = "--memory", paramLabel = "SIZE", converter = Sizes.Size.class,
            description = "guest RAM, e.g. 128M or 4G (default: 128M; mapped on first touch)")
    long bytes = BootCommand.DEFAULT_MEMORY;
}
