package micros.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --kernel FILE} and {@code --module FILE[:STRING]}...: what every command that boots something boots. */
final class KernelOptions {
    @Option(names = "--kernel", paramLabel = "FILE", converter = ExistingFile.class,
            description = "the multiboot2 kernel (default: kernel/target/micros.elf with the memory manager as its module)")
    Path kernel;

    @Option(names = "--module", paramLabel = "FILE[:STRING]", converter = ModuleSpec.Converter.class,
            description = "a boot module and its string (default: the file's name); repeatable, in boot order")
    List<ModuleSpec> modules = new ArrayList<>();

    List<String> moduleTexts() { return modules.stream().map(ModuleSpec::text).toList(); }
}
