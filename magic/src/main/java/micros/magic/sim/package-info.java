/**
 * The JVM-only simulated machine behind the bodies of the {@code micros.magic} intrinsics.
 *
 * <p>{@link micros.magic.sim.Machine#install} makes a {@link micros.magic.sim.SimulatedMachine} the one the
 * current thread's intrinsics act on. {@link micros.magic.sim.SparseMemory} is a sparse physical memory;
 * {@link micros.magic.sim.SimulatedCpu} is a default machine: registers in fields, settable cpuid answers,
 * port writes recorded, console text collected.
 */
package micros.magic.sim;
