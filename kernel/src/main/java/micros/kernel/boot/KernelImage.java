package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.ElfImage;
import micros.asm.Linker;

import java.nio.file.Path;

/** Assembles and links the kernel into {@code micros.elf}: {@code KernelImage [OUTPUT]}. */
public final class KernelImage {
    public static final long LOAD_ADDRESS = 0x10_0000;

    private KernelImage() {}

    public static ElfImage build() {
        Assembler a = new Assembler();
        MultibootHeader.emit(a, 1024, 768, 32);
        Entry32.emit(a);
        PageTables.emitInit32(a);
        Uart16550.emit(a.bits(32));
        LongMode.emit(a);
        Uart16550.emit(a.bits(64));
        Gdt.emit(a);
        PageTables.reserve(a);
        return new Linker().add(a.finish())
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
