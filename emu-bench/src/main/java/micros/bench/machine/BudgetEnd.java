package micros.bench.machine;

import micros.bench.counting.BlockCounter;
import micros.bench.unicorn.Unicorn;

import java.util.function.Consumer;

/**
 * Where a run's instruction budget ends: exactly there, even in the middle of a block. Blocks are
 * counted whole as they start, so the block that would cross the end is stopped before it runs, the
 * instruction it must not reach gets a code hook (its translations dropped, so that they are made again
 * with the hook), and the run goes on: the block is counted up to the end, and the hook stops the run
 * before that instruction. Other code keeps its translations without per-instruction hooks.
 */
final class BudgetEnd {
    /** Where the instruction {@code index} (from 0) of the block at {@code address} of {@code size} bytes starts. */
    @FunctionalInterface interface InstructionAddress { long of(long address, int size, int index); }

    private final Unicorn uc;
    private final BlockCounter counter;
    private final InstructionAddress instructions;
    private final Consumer<StopReason> stop;
    private long budget, end = Long.MAX_VALUE;
    /** The crossing block and the first instruction past the end: waiting for their hook, and hooked (-1: none). */
    private long wantedBlock = -1, wantedStop, armedBlock = -1, armedStop, hook = -1;
    /** One object, so Unicorn's upcall stub is made once. */
    private final Unicorn.CodeHook stopHere = this::stopIfSpent;

    BudgetEnd(Unicorn uc, BlockCounter counter, InstructionAddress instructions, Consumer<StopReason> stop) {
        this.uc = uc;
        this.counter = counter;
        this.instructions = instructions;
        this.stop = stop;
    }

    /** A run of at most {@code budget} instructions (0: no limit) starts now. */
    void start(long budget) {
        this.budget = budget;
        end = budget == 0 ? Long.MAX_VALUE : counter.executed() + budget;
    }

    /** The count at which the budget is used up. */
    long end() { return end; }

    /**
     * At the start of a block that would take the count past the end: true when it runs, counted up to the
     * end (the hook stops it there); false when the run must stop before it (the caller stops it).
     */
    boolean crossing(long address, int size) {
        long left = end - counter.executed();
        if (address == armedBlock) {
            counter.add(left);
            return true;
        }
        if (left <= 0) stop.accept(new StopReason.BudgetExhausted(budget));
        else {
            wantedBlock = address;
            wantedStop = instructions.of(address, size, (int) left);
        }
        return false;
    }

    /** After a stop: hooks the instruction {@link #crossing} asked for; false if it asked for none. */
    boolean armWanted() {
        if (wantedBlock == -1) return false;
        disarm();
        armedBlock = wantedBlock;
        armedStop = wantedStop;
        wantedBlock = -1;
        uc.removeTranslations(armedStop, armedStop + 1);
        hook = uc.hookCode(stopHere, armedStop, armedStop);
        return true;
    }

    /** The run is over: the hooked instruction goes back to its plain translation. */
    void finish() {
        disarm();
        wantedBlock = -1;
        end = Long.MAX_VALUE;
    }

    private void stopIfSpent(long address, int size) {
        if (counter.executed() >= end) stop.accept(new StopReason.BudgetExhausted(budget));
    }

    private void disarm() {
        if (armedBlock == -1) return;
        uc.removeHook(hook);
        uc.removeTranslations(armedStop, armedStop + 1);
        armedBlock = -1;
    }
}
