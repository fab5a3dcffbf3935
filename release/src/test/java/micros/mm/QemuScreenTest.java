package micros.mm;

import micros.compiler.ClassSource;
import micros.compiler.Compiler;
import micros.compiler.MethodRef;
import micros.crosscheck.BenchRunner;
import micros.release.IsoBuilder;
import micros.release.Qemu;
import micros.release.QemuRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory manager's screen on QEMU, through GRUB with BIOS and UEFI, is the bench's picture pixel for
 * pixel. The ISO (kernel and memory manager) boots and ends by itself; the screendump ({@code ./micros qemu
 * --screenshot}'s, taken when the kernel reports that every process waits) is read back through the font and its
 * figures are the ones the kernel's boot log reports; then the memory manager compiled and run in the bench
 * with an allocator of those figures paints the screen, and every pixel is the same. (The figures differ
 * between QEMU and the bench's own boot: the firmware's memory map is another.)
 */
class QemuScreenTest {
    static final Path DIR = Path.of("target/qemu-screen");
    static final Path KERNEL = Path.of("../kernel/target/micros.elf"), MEMORY_MANAGER = Path.of("../memory-manager/target/memory_manager.elf");
    static final Pattern FRAMES = Pattern.compile("frames for the memory manager: (\\d+) x 4 KiB, (\\d+) x 2 MiB, (\\d+) x 1 GiB");
    static final String ENTERED = "micros: memory manager memory_manager: entry", FAULT = "micros: exception";

    static Path iso;
    static MethodRef show;
    static BenchRunner bench;

    @BeforeAll
    static void build() throws Exception {
        iso = IsoBuilder.build(IsoBuilder.Spec.plain(KERNEL, List.of(new IsoBuilder.Module(MEMORY_MANAGER, "memory_manager"))).withCmdline(QemuRun.CMDLINE),
                Files.createDirectories(DIR).resolve("screen.iso"));
        ClassSource source = new ClassSource(QemuScreenTest.class.getClassLoader());
        show = Compiler.method(source, MemoryManager.class.getName(), "show");
        bench = new BenchRunner(Compiler.compile(source, List.of(show)));
    }

    @AfterAll
    static void close() { if (bench != null) bench.close(); }

    @ParameterizedTest
    @EnumSource(value = Qemu.Firmware.class, names = {"BIOS", "UEFI"})
    void theScreenIsTheBenchsPicture(Qemu.Firmware firmware) throws Exception {
        Path png = DIR.resolve(firmware.name().toLowerCase() + ".png");
        Qemu.Setup setup = firmware == Qemu.Firmware.BIOS ? Qemu.Setup.bios() : Qemu.Setup.uefi();
        // As ./micros qemu --screenshot: the screen is taken once the kernel said every process waits (the drawing done).
        QemuRun.Result run = QemuRun.run(iso, setup, 180, png, java.io.OutputStream.nullOutputStream());
        String com1 = run.serial();
        assertTrue(run.ok(), firmware + ": " + run.describe(180) + ", COM1:\n" + com1);
        assertTrue(com1.contains(ENTERED) && !com1.contains(FAULT), firmware + ": the kernel enters the memory manager, COM1:\n" + com1);
        Matcher frames = FRAMES.matcher(com1);
        assertTrue(frames.find(), firmware + ": the boot log names the frames handed over, COM1:\n" + com1);
        long frames4k = Long.parseLong(frames.group(1)), frames2m = Long.parseLong(frames.group(2)), frames1g = Long.parseLong(frames.group(3));

        BufferedImage qemu = javax.imageio.ImageIO.read(png.toFile());
        BootScreen.layout(qemu.getWidth(), qemu.getHeight());
        List<String> rows = ScreenReader.of(qemu).rows();
        boolean oneGiB = !rows.get(3).endsWith("not supported");
        assertEquals(Screen.rows(frames4k, frames2m, frames1g, oneGiB), rows, firmware + ": the screen shows the boot log's figures");

        BufferedImage painted = paintInTheBench(qemu.getWidth(), qemu.getHeight(), frames4k, frames2m, frames1g, oneGiB);
        javax.imageio.ImageIO.write(painted, "png", DIR.resolve(firmware.name().toLowerCase() + "-bench.png").toFile());
        int differing = 0;
        for (int y = 0; y < qemu.getHeight(); y++)
            for (int x = 0; x < qemu.getWidth(); x++) if ((qemu.getRGB(x, y) & 0xFF_FFFF) != (painted.getRGB(x, y) & 0xFF_FFFF)) differing++;
        assertEquals(0, differing, firmware + ": pixels that differ between " + png + " and the bench's picture");
    }

    /**
     * The screen the compiled memory manager paints in the bench on a 32-bit RGB framebuffer of that size,
     * from an allocator whose lists have those lengths (nodes packed 16 bytes apart: it only counts them).
     */
    static BufferedImage paintInTheBench(int width, int height, long frames4k, long frames2m, long frames1g, boolean oneGiB) {
        Screen screen = new Screen(Screen.Format.rgb32(width, height), 0, 0, 0, oneGiB);
        write(Screen.INFO, screen.bootInformation(true));
        write(Screen.FRAMEBUFFER, new byte[(int) screen.format().size()]);
        ByteBuffer alloc = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
        alloc.putInt(32, oneGiB ? 1 : 0);
        long nodes = Screen.FRAMES_4K;
        int[] heads = {0, 16, 40};
        long[] lengths = {frames4k, frames2m, frames1g};
        for (int list = 0; list < 3; list++) {
            ByteBuffer b = ByteBuffer.allocate((int) (16 * lengths[list])).order(ByteOrder.LITTLE_ENDIAN);
            for (long i = 0; i < lengths[list]; i++) {
                b.putInt((int) (16 * i), i + 1 < lengths[list] ? 1 : 0);
                b.putLong((int) (16 * i + 8), i + 1 < lengths[list] ? nodes + 16 * (i + 1) : 0);
            }
            write(nodes, b.array());
            alloc.putInt(heads[list], lengths[list] > 0 ? 1 : 0).putLong(heads[list] + 8, lengths[list] > 0 ? nodes : 0);
            nodes += 16 * lengths[list];
        }
        write(Screen.ALLOC, alloc.array());
        assertEquals(1, bench.call(show, Screen.ALLOC, Screen.INFO), "the bench's memory manager draws");
        ByteBuffer pixels = ByteBuffer.wrap(bench.machine().readVirtual(Screen.FRAMEBUFFER, (int) screen.format().size())).order(ByteOrder.LITTLE_ENDIAN);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.setRGB(x, y, pixels.getInt((y * width + x) * 4) & 0xFF_FFFF);
        return image;
    }

    private static void write(long address, byte[] bytes) { bench.machine().writeVirtual(address, bytes); }
}
