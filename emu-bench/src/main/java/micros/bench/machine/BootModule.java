package micros.bench.machine;

/**
 * A boot module: its bytes, the string the loader passes with it (e.g. {@code memory_manager}), and where
 * it goes in physical memory: {@link #LOADER_CHOOSES} (the first page after the kernel and the modules
 * before it, as GRUB does) or an address, any byte, that the machine checks.
 */
public record BootModule(String file, byte[] bytes, String string, long address) {
    public static final long LOADER_CHOOSES = -1;

    public BootModule(String file, byte[] bytes, String string) { this(file, bytes, string, LOADER_CHOOSES); }

    /** The same module at physical {@code at}. */
    public BootModule at(long at) { return new BootModule(file, bytes, string, at); }
}
