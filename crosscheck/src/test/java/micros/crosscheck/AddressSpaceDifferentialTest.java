package micros.crosscheck;

import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.kernel.AddressSpace;
import micros.kernel.BootInformation;
import micros.kernel.PageRanges;
import micros.multiboot2.BootInfoImage;
import micros.multiboot2.MemoryRegion;
import micros.multiboot2.PlacedModule;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's page-table building compiled and run in the bench agrees with the same Java on the JVM, on
 * the inputs of the kernel's own properties (AddressSpaceTest, BuildAddressSpaceTest): a memory map of
 * random ranges (parsed from a boot information), each identity-mapped with 1 GiB or 2 MiB pages, then
 * random kernel ranges mapped over them as the kernel's (large pages shared with given memory made of
 * smaller ones) — the same page tables byte for byte, the same pool state.
 */
class AddressSpaceDifferentialTest {
    /** The table pool: 2 MiB of the bench's RAM, as the kernel property's. */
    static final long POOL = 0x400_0000, POOL_END = 0x420_0000;
    /** The boot information, and the available region its memory manager module (empty) lies in. */
    static final long INFO = 0x200_0000, MODULE_REGION = 0x10_0000, MODULE_REGION_END = 0x20_0000;
    static final long FLAGS = AddressSpace.WRITABLE | AddressSpace.USER | AddressSpace.NO_EXECUTE;

    static Compiler.Result compiled;
    static SideBySide sides;
    static MethodRef parse, usePool, newTable, identityMap, kernelPages;

    @BeforeContainer
    static void compile() {
        parse = KernelCalls.method(BootInformation.class, "parse");
        usePool = KernelCalls.method(AddressSpace.class, "usePool");
        newTable = KernelCalls.method(AddressSpace.class, "newTable");
        identityMap = KernelCalls.method(AddressSpace.class, "identityMap");
        kernelPages = Compiler.method(KernelCalls.SOURCE, "micros.kernel.KernelPages", "map");
        compiled = KernelCalls.compile(List.of(parse, usePool, newTable, identityMap, kernelPages));
        sides = KernelCalls.sides(compiled);
    }

    @AfterContainer
    static void close() { if (sides != null) sides.close(); }

    @Provide
    Arbitrary<List<PageRanges.Range>> identityRanges() { return PageRanges.identity(); }

    @Provide
    Arbitrary<List<PageRanges.Range>> kernelRanges() { return PageRanges.kernel(); }

    /** Tries: jqwik.tries.default, 200 in the suite, N with ./micros test --campaign N (crosscheck/pom.xml). */
    @Property
    void compiledPageTablesAgreeWithTheJvm(@ForAll("identityRanges") List<PageRanges.Range> identity, @ForAll("kernelRanges") List<PageRanges.Range> kernel,
                                           @ForAll boolean gigabytePages) {
        run(sides, identity, kernel, gigabytePages);
    }

    /** Builds the address space as Boot.buildAddressSpace does: the memory map's ranges and the information identity-mapped, then the kernel's. */
    static void run(SideBySide on, List<PageRanges.Range> identity, List<PageRanges.Range> kernel, boolean gigabytePages) {
        List<MemoryRegion> map = new ArrayList<>();
        for (PageRanges.Range r : identity) map.add(new MemoryRegion(r.start(), r.end() - r.start(), MemoryRegion.AVAILABLE));
        map.add(new MemoryRegion(MODULE_REGION, MODULE_REGION_END - MODULE_REGION, MemoryRegion.AVAILABLE));
        byte[] info = new BootInfoImage("", "test", List.of(new PlacedModule(MODULE_REGION, MODULE_REGION, "memory_manager")), null, map, null).bytes();
        on.write(INFO, info);
        on.write(POOL, new byte[(int) (POOL_END - POOL)]);  // a fresh pool, zero as the kernel's (.bss) is
        KernelCalls calls = new KernelCalls(on).call(parse, INFO).call(usePool, POOL, POOL_END).call(newTable);
        long root = POOL;  // the pool's first table
        long page = gigabytePages ? AddressSpace.PAGE_1G : AddressSpace.PAGE_2M;
        for (MemoryRegion r : map) calls.call(identityMap, root, r.base(), r.end(), page, FLAGS);
        calls.call(identityMap, root, INFO, INFO + info.length, page, FLAGS);
        for (PageRanges.Range k : kernel) calls.call(kernelPages, root, k.start(), k.end(), AddressSpace.WRITABLE, FLAGS, page);
    }

    /** Without a store of a leaf entry in identityMap (its fill loop, a method of its own), the tables differ where the JVM wrote it. */
    @Example
    void aDroppedPageTableEntryFails() {
        Miscompilation.Dropped dropped = Miscompilation.drop(compiled, KernelCalls.method(AddressSpace.class, "fill"), t -> t.matches("mov qword ptr \\[r[0-9a-z]+\\], r.*"));
        try (SideBySide miscompiled = KernelCalls.sides(dropped.compiled())) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> run(miscompiled, List.of(new PageRanges.Range(0, 1L << 32)), List.of(), false));
            assertTrue(e.getMessage().contains("after AddressSpace.identityMap(") && e.getMessage().contains("memory 0x") && e.getMessage().contains("0x87, bench "),
                    "dropped " + dropped.instruction() + ": " + e.getMessage());
        }
    }
}
