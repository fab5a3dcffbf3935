package micros.kernel.boot;

import micros.asm.Assembler;
import micros.asm.ElfImage;
import micros.asm.Linker;

import micros.asm.AssembledModule;
import micros.compiler.ClassSource;
import micros.compiler.Compiler;

import java.nio.file.Path;
import java.util.List;

/** Assembles and links the kernel into {@code micros.elf}: {@code KernelImage [OUTPUT]}. */
public final class KernelImage {
    /** Where the boot path's test harnesses and fixture kernels load. */
    public static final long LOAD_ADDRESS = 0x10_0000;
    /**
     * Where the kernel loads: a 2 MiB boundary, its image padded to the next one, so that the memory
     * manager's address space keeps the kernel's pages from it with whole 2 MiB pages (no 4 KiB table).
     */
    public static final long KERNEL_LOAD_ADDRESS = 0x20_0000;

    private KernelImage() {}

    /** The kernel: the boot path, kernel-Java compiled from {@code Boot.prepare}, {@code Boot.main} and {@code Traps.handle}, the ring switch. */
    public static ElfImage build() {
        ClassSource source = new ClassSource(KernelImage.class.getClassLoader());
        Compiler.Result compiled = Compiler.compile(source, List.of(Compiler.method(source, "micros.kernel.Boot", "prepare"),
                Compiler.method(source, "micros.kernel.Boot", "main"), Compiler.method(source, "micros.kernel.Traps", "handle")),
                Compiler.method(source, "micros.kernel.Stop", "stop"));
        Assembler entry = new Assembler();
        KernelEntry.emit(entry);
        // Linked three times: the first image's code symbols make the symbol table of the second, and its stubs' and
        // TSS's addresses the descriptor tables (neither moves the code); the second's, which only the pool's
        // size changes after, make the tables of the third, whose pool is grown to end the image on a 2 MiB
        // boundary (.bss is last: nothing else moves).
        AssembledModule stubs = entry.finish();
        ElfImage first = link(List.of(stubs, compiled.module(), tables(DescriptorTables.Addresses.UNLINKED), symbols(List.of()),
                imageEnd(KernelEntry.POOL_SIZE)), KERNEL_LOAD_ADDRESS, false);
        List<micros.asm.ElfSymbol> named = SymbolTable.named(first.symbols());
        ElfImage sized = link(List.of(stubs, compiled.module(), tables(DescriptorTables.Addresses.of(first)), symbols(named),
                imageEnd(KernelEntry.POOL_SIZE)), KERNEL_LOAD_ADDRESS, false);
        long end = symbol(sized, "kernel_image_end"), pad = (end + PAGE_2M - 1 & -PAGE_2M) - end;
        DescriptorTables.Addresses tables = DescriptorTables.Addresses.of(sized);
        ElfImage image = link(List.of(stubs, compiled.module(), tables(tables), symbols(named), imageEnd(KernelEntry.POOL_SIZE + pad)),
                KERNEL_LOAD_ADDRESS, false);
        if (!SymbolTable.named(image.symbols()).equals(named)) throw new IllegalStateException("the symbol table moved the code it names");
        if (!DescriptorTables.Addresses.of(image).equals(tables)) throw new IllegalStateException("the descriptor tables moved the TSS or a stub");
        if ((symbol(image, "kernel_image_end") & PAGE_2M - 1) != 0) throw new IllegalStateException("the image does not end on a 2 MiB boundary");
        // The ELF's own symbol table keeps what the kernel's does, plus data: labels inside functions only make it big.
        return new ElfImage(image.entry(), image.segments(), SymbolTable.outer(image.symbols()));
    }

    private static final long PAGE_2M = 1L << 21;

    private static AssembledModule imageEnd(long poolSize) {
        Assembler a = new Assembler();
        KernelEntry.emitImageEnd(a, poolSize);
        return a.finish();
    }

    private static long symbol(ElfImage image, String name) {
        return image.symbols().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().address();
    }

    private static AssembledModule tables(DescriptorTables.Addresses at) {
        Assembler a = new Assembler();
        DescriptorTables.emit(a, at);
        return a.finish();
    }

    private static AssembledModule symbols(List<micros.asm.ElfSymbol> named) {
        Assembler a = new Assembler();
        SymbolTable.emit(a, named);
        return a.finish();
    }

    /**
     * The boot path with other modules linked in instead of kernel-Java (test harnesses, fixture kernels);
     * without a {@code kernel_main} among them, the boot path halts after its banner.
     */
    public static ElfImage build(List<AssembledModule> extra) {
        return link(extra, LOAD_ADDRESS, true);
    }

    private static ElfImage link(List<AssembledModule> extra, long loadAddress, boolean whole4GiB) {
        Assembler a = new Assembler();
        MultibootHeader.emit(a, 1024, 768, 32);
        Entry32.emit(a);
        PageTables.emitInit32(a, whole4GiB);
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
                .segment(MultibootHeader.SECTION.name(), loadAddress)
                .entry(Entry32.ENTRY)
                .link();
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "kernel/target/micros.elf");
        build().write(out);
        System.out.println("micros: wrote " + out);
    }
}
