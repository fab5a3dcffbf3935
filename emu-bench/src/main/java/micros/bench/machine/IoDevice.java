package micros.bench.machine;

/** A device on the I/O port bus: the bench routes each {@code in}/{@code out} to the device that owns the port. */
interface IoDevice {
    boolean owns(int port);

    int in(int port);

    void out(int port, int value);
}
