package micros.cli;

import picocli.CommandLine.Option;

/** {@code --cpu MODEL}: the x86 CPU model, as the bench's Unicorn and QEMU both name it. */
final class CpuOption {
    @Option(names = "--cpu", paramLabel = "MODEL", converter = CpuChoice.Converter.class, completionCandidates = CpuChoice.Names.class,
            description = "the CPU model (default: qemu64); --cpu help lists them with their features")
    CpuChoice cpu = CpuChoice.DEFAULT;
}
