package micros.bench.machine.cpu;

/** The registers that locate a descriptor table or the TSS. */
public enum DescriptorTable { GDTR, IDTR, LDTR, TR }
