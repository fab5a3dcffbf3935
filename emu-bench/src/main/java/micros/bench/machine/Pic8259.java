package micros.bench.machine;

/**
 * The PC's two 8259A interrupt controllers (master at 0x20/0x21, slave at 0xA0/0xA1) as far as a kernel
 * that remaps and masks them sees: the ICW1–ICW4 initialization sequence (the vector base is kept),
 * OCW1 masks read back, OCW2 (EOI) accepted, OCW3 selects IRR or ISR for reads. The bench has no legacy
 * interrupt sources, so IRR and ISR stay 0 and nothing is ever raised through them.
 */
public final class Pic8259 implements IoDevice {
    /** One chip: where it is in the initialization sequence and what it was told. */
    private static final class Chip {
        final int base;
        int nextIcw; // 0: initialized; 2, 3, 4: the initialization word expected next
        boolean needsIcw4;
        int vectorBase, mask, cascade;
        boolean readIsr;

        Chip(int base) { this.base = base; }

        void command(int value) {
            if ((value & 0x10) != 0) { // ICW1: restart initialization
                nextIcw = 2;
                needsIcw4 = (value & 1) != 0;
                mask = 0;
                readIsr = false;
            } else if ((value & 0x18) == 0x08) { // OCW3
                if ((value & 2) != 0) readIsr = (value & 1) != 0;
            } // else OCW2: EOI and priority commands; nothing is ever in service
        }

        void data(int value) {
            switch (nextIcw) {
                case 2 -> { vectorBase = value & 0xF8; nextIcw = 3; }
                case 3 -> { cascade = value; nextIcw = needsIcw4 ? 4 : 0; }
                case 4 -> nextIcw = 0; // ICW4: 8086 mode, auto-EOI: nothing to model
                default -> mask = value & 0xFF; // OCW1
            }
        }
    }

    private final Chip master = new Chip(0x20), slave = new Chip(0xA0);

    @Override public boolean owns(int port) { return chip(port) != null; }

    private Chip chip(int port) {
        if ((port & ~1) == master.base) return master;
        if ((port & ~1) == slave.base) return slave;
        return null;
    }

    @Override public int in(int port) {
        Chip c = chip(port);
        return (port & 1) != 0 ? c.mask : 0; // IRR/ISR: no legacy interrupts are ever requested
    }

    @Override public void out(int port, int value) {
        Chip c = chip(port);
        if ((port & 1) == 0) c.command(value & 0xFF);
        else c.data(value & 0xFF);
    }

    /** For the console: each chip's vector base (ICW2) and mask (OCW1). */
    public String describe() {
        return String.format("8259 master: %s, IRQ 0-7 at vectors 0x%02x-0x%02x, mask 0x%02x%n8259 slave:  %s, IRQ 8-15 at vectors 0x%02x-0x%02x, mask 0x%02x",
                master.nextIcw == 0 ? "initialized" : "expecting ICW" + master.nextIcw, master.vectorBase, master.vectorBase + 7, master.mask,
                slave.nextIcw == 0 ? "initialized" : "expecting ICW" + slave.nextIcw, slave.vectorBase, slave.vectorBase + 7, slave.mask);
    }

    /** The vector of IRQ 0 (master) or IRQ 8 (slave) as ICW2 set it, and the masks: for the console and tests. */
    int masterBase() { return master.vectorBase; }

    int slaveBase() { return slave.vectorBase; }

    int masterMask() { return master.mask; }

    int slaveMask() { return slave.mask; }
}
