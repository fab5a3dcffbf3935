package micros.multiboot2;

/** The basic memory information tag's two figures (specification 3.6.3): KiB of lower memory from 0, of upper memory from 1 MiB. */
public record BasicMemory(long lowerKiB, long upperKiB) {}
