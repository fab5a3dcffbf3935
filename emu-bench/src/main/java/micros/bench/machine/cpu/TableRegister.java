package micros.bench.machine.cpu;

/** A GDTR/IDTR/LDTR/TR value: the selector (LDTR, TR), base, limit and access flags of the hidden part. */
public record TableRegister(int selector, long base, int limit, int flags) {}
