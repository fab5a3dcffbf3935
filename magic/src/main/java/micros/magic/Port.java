package micros.magic;

import micros.magic.sim.Machine;

/**
 * x86 I/O ports. Port numbers are 0..65535 (only the low 16 bits of {@code port} count); values read are
 * zero-extended, values written keep their low 8/16/32 bits.
 *
 * <p>Lowering (port in {@code edi}, value in {@code esi}, result in {@code eax}):
 * <pre>
 *   in8(p)        mov edx, edi; in al, dx;  movzx eax, al
 *   in16(p)       mov edx, edi; in ax, dx;  movzx eax, ax
 *   in32(p)       mov edx, edi; in eax, dx
 *   out8(p, v)    mov edx, edi; mov eax, esi; out dx, al
 *   out16(p, v)   mov edx, edi; mov eax, esi; out dx, ax
 *   out32(p, v)   mov edx, edi; mov eax, esi; out dx, eax
 * </pre>
 */
public final class Port {
    private Port() {}

    public static int in8(int port) { return (int) Machine.current().portIn(port & 0xFFFF, 1); }
    public static int in16(int port) { return (int) Machine.current().portIn(port & 0xFFFF, 2); }
    public static int in32(int port) { return (int) Machine.current().portIn(port & 0xFFFF, 4); }

    public static void out8(int port, int value) { Machine.current().portOut(port & 0xFFFF, 1, value & 0xFFL); }
    public static void out16(int port, int value) { Machine.current().portOut(port & 0xFFFF, 2, value & 0xFFFFL); }
    public static void out32(int port, int value) { Machine.current().portOut(port & 0xFFFF, 4, value & 0xFFFF_FFFFL); }
}
