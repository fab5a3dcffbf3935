package micros.kernel;

import micros.magic.Kernel;
import micros.magic.Memory;

/** Names code addresses from the kernel's symbol table (written at build time; layout entry SYMBOLS). */
public final class Symbols {
    static final int ENTRY = 24;

    private Symbols() {}

    /** Prints " <name+0xoffset>" when {@code address} is inside a kernel symbol, else nothing. */
    public static void describe(long address) {
        long table = KernelLayout.get(KernelLayout.SYMBOLS);
        long n = Memory.read64(table);
        for (long i = 0; i < n; i++) {
            long e = table + 8 + i * ENTRY;
            long start = Memory.read64(e);
            if (Unsigned.less(address, start) || !Unsigned.less(address - start, Memory.read64(e + 8))) continue;
            Kernel.log(" <");
            Console.string(Memory.read64(e + 16));
            Kernel.log("+");
            Kernel.logHex(address - start);
            Kernel.log(">");
            return;
        }
    }
}
