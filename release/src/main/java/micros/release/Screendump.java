package micros.release;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The screen of a running QEMU as a PNG: {@code screendump} through its monitor socket gives a PPM (P6). */
final class Screendump {
    private Screendump() {}

    static void take(Path monitor, Path ppm, Path png) throws IOException, InterruptedException {
        try (SocketChannel s = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.connect(UnixDomainSocketAddress.of(monitor));
            s.write(ByteBuffer.wrap(("screendump " + ppm + "\n").getBytes(StandardCharsets.US_ASCII)));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && !complete(ppm)) Thread.sleep(50);
        }
        if (!complete(ppm)) throw new ReleaseException(monitor + ": QEMU wrote no screendump within 10 s");
        writePng(Files.readAllBytes(ppm), png);
    }

    /** Whether the PPM has its header and every pixel the header promises (QEMU writes it in pieces). */
    private static boolean complete(Path ppm) throws IOException {
        if (!Files.isRegularFile(ppm)) return false;
        byte[] b = Files.readAllBytes(ppm);
        Header h = Header.read(b);
        return h != null && b.length >= h.offset + 3L * h.width * h.height;
    }

    private record Header(int width, int height, int offset) {
        /** "P6 W H 255" and one whitespace byte, then the pixels; null while incomplete. */
        static Header read(byte[] b) {
            int[] v = new int[3];
            int i = 2, n = 0;
            if (b.length < 2 || b[0] != 'P' || b[1] != '6') return null;
            while (n < 3) {
                while (i < b.length && Character.isWhitespace(b[i])) i++;
                int start = i;
                while (i < b.length && Character.isDigit(b[i])) v[n] = v[n] * 10 + b[i++] - '0';
                if (i == start || i >= b.length) return null;
                n++;
            }
            return new Header(v[0], v[1], i + 1);
        }
    }

    static void writePng(byte[] ppm, Path png) {
        Header h = Header.read(ppm);
        if (h == null) throw new ReleaseException(png + ": the screendump is not a PPM (P6) image");
        BufferedImage img = new BufferedImage(h.width, h.height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0, o = h.offset; y < h.height; y++)
            for (int x = 0; x < h.width; x++, o += 3)
                img.setRGB(x, y, (ppm[o] & 0xFF) << 16 | (ppm[o + 1] & 0xFF) << 8 | ppm[o + 2] & 0xFF);
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            if (!javax.imageio.ImageIO.write(img, "png", png.toFile())) throw new ReleaseException(png + ": no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(png + ": " + e.getMessage(), e);
        }
    }
}
