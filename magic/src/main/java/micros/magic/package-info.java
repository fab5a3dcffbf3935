/**
 * The intrinsics kernel-Java uses for what Java cannot say: raw physical memory ({@link micros.magic.Memory}),
 * processor state ({@link micros.magic.Cpu}), port I/O ({@link micros.magic.Port}) and the console,
 * panic and halt ({@link micros.magic.Kernel}).
 *
 * <p>Every public static method of those four classes is an intrinsic. The compiler never compiles their
 * bodies: it lowers each call to the instructions named in the class comment. On the JVM the bodies run
 * instead, against the simulated machine installed with {@link micros.magic.sim.Machine#install}; the two
 * must agree, which is what lets kernel code be tested twice.
 *
 * <p>Conventions every intrinsic follows, so that lowering stays simple:
 * <ul>
 * <li>Addresses are {@code long}, ports and selectors and MSR numbers are {@code int}.</li>
 * <li>Values of 8, 16 and 32 bits travel as {@code int}, zero-extended when read (a {@code read8} of 0xFF is
 *     255, never -1; a {@code read32} of 0xFFFFFFFF is the int -1, whose bits are the value); when written
 *     only the low bits count.</li>
 * <li>64-bit values travel as {@code long}.</li>
 * <li>Memory is little endian; accesses need not be aligned.</li>
 * </ul>
 *
 * <p>The package {@code micros.magic.sim} is the JVM-only simulation; kernel code never names it.
 */
package micros.magic;
