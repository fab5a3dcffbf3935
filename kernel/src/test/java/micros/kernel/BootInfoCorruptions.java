package micros.kernel;

import micros.multiboot2.BootInfoImage;
import micros.multiboot2.FramebufferTag;
import micros.multiboot2.MemoryRegion;
import micros.multiboot2.PlacedModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/** A good multiboot2 information as GRUB writes one, and that information with random corruptions. */
public final class BootInfoCorruptions {
    public static final List<MemoryRegion> MAP = List.of(
            new MemoryRegion(0, 0x9FC00, MemoryRegion.AVAILABLE),
            new MemoryRegion(0x10_0000, 0x7EE_0000, MemoryRegion.AVAILABLE),
            new MemoryRegion(0x7FE_0000, 0x2_0000, MemoryRegion.ACPI_RECLAIMABLE));
    public static final BootInfoImage GOOD = new BootInfoImage("quiet", "GRUB 2.06",
            List.of(new PlacedModule(0x20_0000, 0x20_3000, "/boot/init"), new PlacedModule(0x30_0000, 0x31_0000, "/boot/memory_manager.elf")),
            null, MAP, new FramebufferTag(0xFD00_0000L, 4096, 1024, 768));

    private BootInfoCorruptions() {}

    /** {@link #GOOD} with one to four edits: any byte, a small word (sizes, types), a size nudged, any word. */
    public static Arbitrary<byte[]> corrupted() {
        byte[] good = GOOD.bytes();
        Arbitrary<int[]> edit = Arbitraries.integers().between(0, good.length - 1).flatMap(at ->
                Arbitraries.integers().between(0, 3).flatMap(kind -> Arbitraries.integers().map(v -> new int[] {at, kind, v})));
        return edit.list().ofMinSize(1).ofMaxSize(4).map(edits -> {
            byte[] b = good.clone();
            ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            for (int[] e : edits) {
                int at = e[0] & ~3;
                switch (e[1]) {
                    case 0 -> b[e[0]] = (byte) e[2];
                    case 1 -> buf.putInt(at, e[2] & 0xFF);
                    case 2 -> buf.putInt(at, buf.getInt(at) + (e[2] % 64));
                    default -> buf.putInt(at, e[2]);
                }
            }
            return b;
        });
    }
}
