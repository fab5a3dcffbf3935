package micros.multiboot2;

/** A module as the loader placed it: [start, end) in physical memory (below 4 GiB: the tag holds 32 bits), and its string. */
public record PlacedModule(long start, long end, String string) {}
