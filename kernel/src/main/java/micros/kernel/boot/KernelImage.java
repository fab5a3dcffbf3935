package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.ElfImage;
import micros.asm.Linker;

import java.nio.file.Path;

/** Assembles and links the kernel into {@code micros.elf}: {@code KernelImage [OUTPUT]}. */
public final class KernelImage {
    public static final long LOAD_ADDRESS = 0x10_0000;

    private KernelImage() {}

    public static ElfImage build() { return build(java.util.List.of()); }

    /** The kernel with more modules linked in (compiled kernel-Java, test harnesses). */
    public static ElfImage build(java.util.List<micros.asm.AssembledModule> extra) {
        Assembler a = new Assembler();
        MultibootHeader.emit(a, 1024, 768, 32);
        Entry32.emit(a);
        PageTables.emitInit32(a);
        Uart16550.emit(a.bits(32));
        LongMode.emit(a);
        Uart16550.emit(a.bits(64));
        Gdt.emit(a);
        PageTables.reserve(a);
        Linker linker = new Linker().add(a.finish());
        extra.forEach(linker::add);
        // kernel_main is where the kernel's own logic starts; until a module brings one, it returns at once.
        if (extra.stream().noneMatch(m -> m.globals().contains("kernel_main"))) {
            Assembler main = new Assembler();
            main.global("kernel_main").label("kernel_main").ret();
            linker.add(main.finish());
        }
        return linker
                .segment(MultibootHeader.SECTION.name(), LOAD_ADDRESS)
                .entry(Entry32.ENTRY)
                .link();
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "kernel/target/micros.elf");
        build().write(out);
        System.out.println("micros: wrote " + out);
    }
}
