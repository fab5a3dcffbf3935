package micros.crosscheck;

import micros.asm.ElfImage;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.frames.FrameAllocator;
import micros.kernel.AddressSpace;
import micros.kernel.BootInformation;
import micros.kernel.ElfImages;
import micros.kernel.MemoryManagerImage;
import micros.multiboot2.BootInfoImage;
import micros.multiboot2.MemoryRegion;
import micros.multiboot2.PlacedModule;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's checks and loading of the memory manager's ELF compiled and run in the bench agree with the
 * same Java on the JVM, on the files of the kernel's own properties (MemoryManagerImageTest): random good
 * files, and a small good one with corrupted headers. The same verdict (loaded, or halted with the same
 * COM1 line naming the reason), the same entry point and segment list, the same frames taken from the
 * allocator, the same bytes copied into them and the same page tables, byte for byte.
 */
class ElfValidationDifferentialTest {
    static final long INFO = 0x200_0000, FILE = 0x300_0000, POOL = 0x400_0000, POOL_END = 0x420_0000, ALLOC = 0x9_0000;
    /** The allocator's memory, 16 MiB as in the kernel property; where no segment may lie, as there. */
    static final long FREE = 0x800_0000, FREE_END = 0x900_0000, IDENTITY_END = 1L << 36;

    static Compiler.Result compiled;
    static SideBySide sides;
    static MethodRef parse, init, addRegion, usePool, newTable, check, checkFits, load, mapStack;

    @BeforeContainer
    static void compile() {
        parse = KernelCalls.method(BootInformation.class, "parse");
        init = KernelCalls.method(FrameAllocator.class, "init");
        addRegion = KernelCalls.method(FrameAllocator.class, "addRegion");
        usePool = KernelCalls.method(AddressSpace.class, "usePool");
        newTable = KernelCalls.method(AddressSpace.class, "newTable");
        check = KernelCalls.method(MemoryManagerImage.class, "check");
        checkFits = KernelCalls.method(MemoryManagerImage.class, "checkFits");
        load = KernelCalls.method(MemoryManagerImage.class, "load");
        mapStack = KernelCalls.method(MemoryManagerImage.class, "mapStack");
        compiled = KernelCalls.compile(List.of(parse, init, addRegion, usePool, newTable, check, checkFits, load, mapStack));
        sides = KernelCalls.sides(compiled);
    }

    @AfterContainer
    static void close() { if (sides != null) sides.close(); }

    @Provide
    Arbitrary<ElfImage> images() { return ElfImages.images(); }

    @Provide
    Arbitrary<byte[]> mutated() { return ElfImages.mutated(); }

    /** Tries: jqwik.tries.default, 200 in the suite, N with ./micros test --campaign N (crosscheck/pom.xml). */
    @Property
    void goodFilesLoadTheSameWay(@ForAll("images") ElfImage image) {
        KernelCalls calls = run(sides, image.bytes());
        assertFalse(calls.halted(), "a good file loads: " + calls.lastOutcome());
    }

    /** Tries: jqwik.tries.default (as above). */
    @Property
    void corruptedHeadersGetTheSameVerdict(@ForAll("mutated") byte[] file) {
        KernelCalls calls = run(sides, file);
        Statistics.label("verdict").collect(calls.halted() ? calls.lastOutcome().replaceFirst(".*memory_manager: ", "") : "loaded");
    }

    /** The kernel's steps: the information naming the module parsed, the allocator filled, the file checked and loaded. */
    static KernelCalls run(SideBySide on, byte[] file) {
        byte[] info = new BootInfoImage(null, null, List.of(new PlacedModule(FILE, FILE + file.length, "/boot/memory_manager")), null,
                List.of(new MemoryRegion(0, BenchRunner.RAM, MemoryRegion.AVAILABLE)), null).bytes();
        on.write(INFO, info);
        on.write(FILE, file);
        on.write(POOL, new byte[(int) (POOL_END - POOL)]);  // a fresh pool, zero as the kernel's (.bss) is
        return new KernelCalls(on).call(parse, INFO).call(init, ALLOC, 0).call(addRegion, ALLOC, FREE, FREE_END)
                .call(usePool, POOL, POOL_END).call(newTable)
                .call(check, FILE, file.length, IDENTITY_END).call(checkFits, FREE_END - FREE)
                .call(load, FILE, POOL, ALLOC, AddressSpace.NO_EXECUTE).call(mapStack, POOL, ALLOC, AddressSpace.NO_EXECUTE);
    }

    /** Without the first halt of check, a file too short to be ELF is refused on the JVM but not in the bench. */
    @Example
    void aDroppedHaltFails() {
        Miscompilation.Dropped dropped = Miscompilation.drop(compiled, check, t -> t.contains("micros.runtime.halt"));
        try (SideBySide miscompiled = KernelCalls.sides(dropped.compiled())) {
            AssertionError e = assertThrows(AssertionError.class, () -> run(miscompiled, Arrays.copyOf(ElfImages.good(), 40)));
            assertTrue(e.getMessage().contains("after MemoryManagerImage.check(") && e.getMessage().contains("result: jvm halted, bench "),
                    "dropped " + dropped.instruction() + ": " + e.getMessage());
        }
    }
}
