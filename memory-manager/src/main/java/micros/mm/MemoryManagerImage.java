package micros.mm;

import micros.asm.Assembler;
import micros.asm.ElfImage;
import micros.asm.Linker;
import micros.asm.Section;
import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;

import java.nio.file.Path;
import java.util.List;

/**
 * Compiles the memory manager and links it into {@code memory_manager.elf}: {@code MemoryManagerImage [OUTPUT]}.
 * Linked where the seed's memory manager was, at the start of the last 512 GiB of the address space, far
 * from the identity map of physical memory below it.
 */
public final class MemoryManagerImage {
    public static final long LINK_ADDRESS = 0xFFFF_FF80_0000_0000L;
    /** The ELF entry: calls {@link MemoryManager#start} with the kernel's rdi and rsi untouched. */
    public static final String ENTRY = "memory_manager_entry";

    private MemoryManagerImage() {}

    public static ElfImage build() {
        ClassSource source = new ClassSource(MemoryManagerImage.class.getClassLoader());
        MethodRef main = Compiler.method(source, MemoryManager.class.getName(), "start");
        Compiler.Result compiled = Compiler.compile(source, List.of(main));
        String start = compiled.symbols().get(main);
        Assembler entry = new Assembler();
        // rsp is 0 (the stack is the page ending at 2^64); the call leaves it as System V expects at a function's entry.
        entry.section(Section.TEXT).bits(64).global(ENTRY).label(ENTRY).call(start).label(ENTRY + ".idle").jmp(ENTRY + ".idle");
        return new Linker().add(entry.finish()).add(compiled.module()).base(LINK_ADDRESS).entry(ENTRY).link();
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "memory-manager/target/memory_manager.elf");
        build().write(out);
        System.out.println("micros: wrote " + out);
    }
}
