package micros.bench.machine;

/**
 * The multiboot2 address tag (specification 3.1.5, the "a.out kludge"): where a kernel that is not an ELF file, or
 * does not want to be loaded as one, goes in physical memory. All four fields are physical addresses.
 */
record AddressTag(long headerAddress, long loadAddress, long loadEndAddress, long bssEndAddress) {
    static final long FROM_FILE_START = 0xFFFF_FFFFL;

    static AddressTag of(MultibootKernelHeader.Tag t) {
        return new AddressTag(t.u32(0) & 0xFFFF_FFFFL, t.u32(4) & 0xFFFF_FFFFL, t.u32(8) & 0xFFFF_FFFFL, t.u32(12) & 0xFFFF_FFFFL);
    }

    /** load_addr -1: the file is loaded from its first byte (GRUB's reading; the specification's too). */
    boolean loadFromFileStart() { return loadAddress == FROM_FILE_START; }

    /** Where loading starts in physical memory, given the header's offset in the file. */
    long start(int headerOffset) { return loadFromFileStart() ? headerAddress - headerOffset : loadAddress; }

    /** The file offset loading starts at: the header's offset minus (header_addr - load address). */
    long fileOffset(int headerOffset) { return headerOffset - (headerAddress - start(headerOffset)); }

    /** Bytes loaded from the file: to load_end_addr, or (0) to the file's end. */
    long loadSize(int headerOffset, long fileLength) {
        return loadEndAddress == 0 ? fileLength - fileOffset(headerOffset) : loadEndAddress - start(headerOffset);
    }

    /** The end of what the kernel occupies: bss_end_addr (zeroed from the loaded bytes' end), or the loaded bytes' end. */
    long end(int headerOffset, long fileLength) {
        long loaded = start(headerOffset) + loadSize(headerOffset, fileLength);
        return bssEndAddress == 0 ? loaded : bssEndAddress;
    }
}
