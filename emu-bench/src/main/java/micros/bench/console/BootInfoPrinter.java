package micros.bench.console;

import micros.bench.machine.Machine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** The multiboot2 boot information the bench wrote, tag by tag (multiboot2 specification 3.6). */
final class BootInfoPrinter {
    private static final String[] MEMORY_TYPES = {"?", "available", "reserved", "ACPI reclaimable", "ACPI NVS", "bad"};

    private BootInfoPrinter() {}

    static String print(Machine m) {
        long at = m.bootInfoAddress();
        int total = ByteBuffer.wrap(m.readPhysical(at, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
        ByteBuffer b = ByteBuffer.wrap(m.readPhysical(at, total)).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder s = new StringBuilder(String.format("boot information at 0x%x, %d bytes%n", at, total));
        for (int t = 8; t + 8 <= total; ) {
            int type = b.getInt(t), size = b.getInt(t + 4);
            switch (type) {
                case 0 -> { return s.append("end").toString(); }
                case 1 -> s.append("command line: \"").append(string(b, t + 8)).append("\"\n");
                case 2 -> s.append("boot loader: ").append(string(b, t + 8)).append('\n');
                case 3 -> s.append(String.format("module [0x%x, 0x%x) \"%s\"%n", b.getInt(t + 8) & 0xFFFF_FFFFL, b.getInt(t + 12) & 0xFFFF_FFFFL, string(b, t + 16)));
                case 4 -> s.append(String.format("memory: %d KiB lower, %d KiB upper%n", b.getInt(t + 8), b.getInt(t + 12)));
                case 6 -> {
                    int entry = b.getInt(t + 8);
                    for (int e = t + 16; e + entry <= t + size; e += entry) {
                        int kind = b.getInt(e + 16);
                        s.append(String.format("  [0x%012x, 0x%012x) %s%n", b.getLong(e), b.getLong(e) + b.getLong(e + 8), kind < MEMORY_TYPES.length ? MEMORY_TYPES[kind] : "type " + kind));
                    }
                }
                case 8 -> s.append(String.format("framebuffer 0x%x, %dx%d, %d bpp, pitch %d%n", b.getLong(t + 8), b.getInt(t + 20), b.getInt(t + 24), b.get(t + 28), b.getInt(t + 16)));
                default -> s.append("tag ").append(type).append(", ").append(size).append(" bytes\n");
            }
            t += (size + 7) & ~7;
        }
        return s.toString();
    }

    private static String string(ByteBuffer b, int at) {
        int end = at;
        while (b.get(end) != 0) end++;
        byte[] s = new byte[end - at];
        b.get(at, s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
