package micros.release;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Reads an edk2/OVMF variable store (OVMF_VARS*.fd: a firmware volume holding an authenticated-variable
 * store), so that a store the project writes can be checked before a firmware silently ignores it.
 */
public record VarStore(List<Variable> variables) {
    public static final UUID GLOBAL = UUID.fromString("8be4df61-93ca-11d2-aa0d-00e098032b8c");
    public static final UUID IMAGE_SECURITY_DATABASE = UUID.fromString("d719b2cb-3d3a-4596-a3bc-dad00e67656f");
    static final UUID AUTHENTICATED_STORE = UUID.fromString("aaf32c78-947b-439a-a180-2e144ec37792");
    static final UUID CERT_X509 = UUID.fromString("a5c059a1-94e4-4aa7-87b5-ab155c2bf072");
    private static final int VARIABLE_HEADER = 60, START_ID = 0x55AA, VAR_ADDED = 0x3F;

    /** One variable: name, vendor GUID, data, and whether it is live (not deleted or in transition). */
    public record Variable(String name, UUID vendor, byte[] data, boolean live) {
        /** The X.509 certificates (DER) in this variable read as EFI signature lists. */
        public List<byte[]> certificates() {
            List<byte[]> out = new ArrayList<>();
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            for (int o = 0; o + 28 <= data.length; ) {
                UUID type = guid(b, o);
                int listSize = b.getInt(o + 16), headerSize = b.getInt(o + 20), sigSize = b.getInt(o + 24);
                if (listSize < 28 || sigSize < 16 || o + listSize > data.length) break;
                for (int p = o + 28 + headerSize; p + sigSize <= o + listSize; p += sigSize)
                    if (type.equals(CERT_X509)) out.add(Arrays.copyOfRange(data, p + 16, p + sigSize));
                o += listSize;
            }
            return out;
        }
    }

    public static VarStore parse(byte[] fd) {
        ByteBuffer b = ByteBuffer.wrap(fd).order(ByteOrder.LITTLE_ENDIAN);
        if (fd.length < 0x48 || b.getInt(40) != 0x4856465F) throw new ReleaseException("variable store: no firmware volume header (_FVH)");
        int store = Short.toUnsignedInt(b.getShort(48));
        if (!guid(b, store).equals(AUTHENTICATED_STORE)) throw new ReleaseException("variable store: not an authenticated-variable store");
        int end = store + b.getInt(store + 16);
        List<Variable> vars = new ArrayList<>();
        for (int o = store + 28; o + VARIABLE_HEADER <= end && Short.toUnsignedInt(b.getShort(o)) == START_ID; ) {
            int state = Byte.toUnsignedInt(b.get(o + 2));
            int nameSize = b.getInt(o + 36), dataSize = b.getInt(o + 40);
            UUID vendor = guid(b, o + 44);
            String name = new String(fd, o + VARIABLE_HEADER, nameSize, StandardCharsets.UTF_16LE).replace("\0", "");
            byte[] data = Arrays.copyOfRange(fd, o + VARIABLE_HEADER + nameSize, o + VARIABLE_HEADER + nameSize + dataSize);
            vars.add(new Variable(name, vendor, data, state == VAR_ADDED));
            o = (o + VARIABLE_HEADER + nameSize + dataSize + 3) & ~3;
        }
        return new VarStore(List.copyOf(vars));
    }

    /** The live variable {@code name} of {@code vendor}, or null. */
    public Variable live(String name, UUID vendor) {
        for (Variable v : variables) if (v.live() && v.name().equals(name) && v.vendor().equals(vendor)) return v;
        return null;
    }

    /** An EFI_GUID in its mixed-endian layout. */
    private static UUID guid(ByteBuffer b, int at) {
        long d1 = Integer.toUnsignedLong(b.getInt(at)), d2 = Short.toUnsignedLong(b.getShort(at + 4)), d3 = Short.toUnsignedLong(b.getShort(at + 6));
        long hi = d1 << 32 | d2 << 16 | d3, lo = 0;
        for (int i = 8; i < 16; i++) lo = lo << 8 | Byte.toUnsignedLong(b.get(at + i));
        return new UUID(hi, lo);
    }
}
