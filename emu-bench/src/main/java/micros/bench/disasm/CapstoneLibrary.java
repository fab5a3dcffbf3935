package micros.bench.disasm;

import capstone.Capstone;
import micros.bench.natives.NativeCache;
import micros.bench.natives.NativePackage;

/**
 * Capstone from the project's cache. The Java binding (JNA) loads "capstone" by its unversioned name, so
 * the cache folder goes first on {@code jna.library.path} (setup made the unversioned link there), and the
 * version the library reports is checked against the manifest: the binding's structures fit 4.0 only.
 */
final class CapstoneLibrary {
    static final NativeCache.Installed INSTALLED = NativeCache.installed(NativePackage.CAPSTONE);

    static {
        String dir = INSTALLED.library().getParent().toString(), before = System.getProperty("jna.library.path");
        System.setProperty("jna.library.path", before == null || before.isEmpty() ? dir : dir + java.io.File.pathSeparator + before);
    }

    private CapstoneLibrary() {}

    /** A Capstone handle for x86 in {@code mode}; a one-line error when the library is not the one the manifest names. */
    static Capstone open(int mode) {
        Capstone cs;
        try {
            cs = new Capstone(Capstone.CS_ARCH_X86, mode);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new IllegalStateException("Capstone from " + INSTALLED.library() + ": " + e.getMessage() + "; run ./micros setup");
        }
        int v = cs.version();
        long[] want = INSTALLED.version().leading(2);
        if (v >> 8 != want[0] || (v & 0xFF) != want[1]) {
            cs.close();
            throw new IllegalStateException("Capstone reports " + (v >> 8) + "." + (v & 0xFF) + " but the cache's manifest says "
                    + INSTALLED.version() + " (" + INSTALLED.library() + "): run ./micros setup");
        }
        return cs;
    }

    /** "4.0" as cs_version says. */
    static String version() {
        Capstone cs = open(Capstone.CS_MODE_64);
        int v = cs.version();
        cs.close();
        return (v >> 8) + "." + (v & 0xFF);
    }
}
