package micros.bench.machine;

/** A boot module: its bytes and the string the loader passes with it (e.g. {@code memory_manager}). */
public record BootModule(String file, byte[] bytes, String string) {}
