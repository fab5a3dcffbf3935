package micros.crosscheck;

import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.kernel.AddressSpace;
import micros.kernel.PageRanges;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's page-table building compiled and run in the bench agrees with the same Java on the JVM, on
 * the inputs of the kernel's own property (AddressSpaceTest): ranges identity-mapped with 1 GiB or 2 MiB
 * pages, ranges made supervisor-only (splitting huge pages), then walks for the addresses around every
 * edge — the same page tables byte for byte, the same pool state, the same walks' results.
 */
class AddressSpaceDifferentialTest {
    /** The table pool: 2 MiB of the bench's RAM, as the kernel property's. */
    static final long POOL = 0x400_0000, POOL_END = 0x420_0000;
    static final long FLAGS = AddressSpace.WRITABLE | AddressSpace.USER | AddressSpace.NO_EXECUTE;

    static Compiler.Result compiled;
    static SideBySide sides;
    static MethodRef usePool, newTable, identityMap, change, leaf, leafSize;

    @BeforeContainer
    static void compile() {
        usePool = KernelCalls.method(AddressSpace.class, "usePool");
        newTable = KernelCalls.method(AddressSpace.class, "newTable");
        identityMap = KernelCalls.method(AddressSpace.class, "identityMap");
        change = KernelCalls.method(AddressSpace.class, "change");
        leaf = KernelCalls.method(AddressSpace.class, "leaf");
        leafSize = KernelCalls.method(AddressSpace.class, "leafSize");
        compiled = KernelCalls.compile(List.of(usePool, newTable, identityMap, change, leaf, leafSize));
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

    /** Builds the address space as the kernel property does, then walks it at every probe. */
    static void run(SideBySide on, List<PageRanges.Range> identity, List<PageRanges.Range> kernel, boolean gigabytePages) {
        on.write(POOL, new byte[(int) (POOL_END - POOL)]);  // a fresh pool, zero as the kernel's (.bss) is
        KernelCalls calls = new KernelCalls(on).call(usePool, POOL, POOL_END).call(newTable);
        long root = POOL;  // the pool's first table
        long page = gigabytePages ? AddressSpace.PAGE_1G : AddressSpace.PAGE_2M;
        for (PageRanges.Range r : identity) calls.call(identityMap, root, r.start(), r.end(), page, FLAGS);
        for (PageRanges.Range k : kernel) calls.call(change, root, k.start(), k.end(), AddressSpace.USER, 0);
        for (long v : PageRanges.probes(identity, kernel)) calls.call(leaf, root, v).call(leafSize, root, v);
    }

    /** Without the store of a leaf entry in identityMap, the tables differ where the JVM wrote it. */
    @Example
    void aDroppedPageTableEntryFails() {
        Miscompilation.Dropped dropped = Miscompilation.drop(compiled, identityMap, t -> t.matches("mov qword ptr \\[r[0-9a-z]+\\], r.*"));
        try (SideBySide miscompiled = KernelCalls.sides(dropped.compiled())) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> run(miscompiled, List.of(new PageRanges.Range(0, 1L << 32)), List.of(), false));
            assertTrue(e.getMessage().contains("after AddressSpace.identityMap(") && e.getMessage().contains("memory 0x") && e.getMessage().contains("0x87, bench "),
                    "dropped " + dropped.instruction() + ": " + e.getMessage());
        }
    }
}
