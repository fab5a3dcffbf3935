package micros.cli;

import micros.bench.cli.BootCommand;
import picocli.CommandLine.Option;

/** {@code --max-insns N}: the bench's instruction budget, its only clock. */
final class MaxInsnsOption {
    @Option(names = "--max-insns", paramLabel = "N", converter = Sizes.Count.class,
            description = "the instruction budget, e.g. 1000000 or 50M (default: 200M)")
    long count = BootCommand.DEFAULT_BUDGET;
}
