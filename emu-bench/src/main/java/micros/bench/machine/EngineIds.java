package micros.bench.machine;

import micros.bench.machine.cpu.DescriptorTable;
import micros.bench.machine.cpu.Register;
import micros.bench.unicorn.X86;

/** Unicorn's numbers for the registers of {@link micros.bench.machine.cpu.CpuView}: known only inside the machine. */
final class EngineIds {
    private EngineIds() {}

    static int of(Register r) {
        return switch (r) {
            case RAX -> X86.RAX; case RBX -> X86.RBX; case RCX -> X86.RCX; case RDX -> X86.RDX;
            case RSI -> X86.RSI; case RDI -> X86.RDI; case RBP -> X86.RBP; case RSP -> X86.RSP;
            case R8 -> X86.R8; case R9 -> X86.R9; case R10 -> X86.R10; case R11 -> X86.R11;
            case R12 -> X86.R12; case R13 -> X86.R13; case R14 -> X86.R14; case R15 -> X86.R15;
            case RIP -> X86.RIP; case RFLAGS -> X86.EFLAGS;
            case CS -> X86.CS; case SS -> X86.SS; case DS -> X86.DS; case ES -> X86.ES; case FS -> X86.FS; case GS -> X86.GS;
            case CR0 -> X86.CR0; case CR2 -> X86.CR2; case CR3 -> X86.CR3; case CR4 -> X86.CR4; case CR8 -> X86.CR8;
        };
    }

    static int of(DescriptorTable t) {
        return switch (t) { case GDTR -> X86.GDTR; case IDTR -> X86.IDTR; case LDTR -> X86.LDTR; case TR -> X86.TR; };
    }
}
