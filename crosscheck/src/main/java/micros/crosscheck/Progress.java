package micros.crosscheck;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One status line for long test work (a campaign of random machines, the QEMU matrix): items done of all,
 * failures, time left. It goes to the terminal the system property {@code micros.progress} names, which the
 * launcher sets to {@code /dev/tty} only on a terminal and outside CI; without it nothing is written, so no
 * progress line ever reaches a file or a CI log. (Surefire's test JVMs have no terminal on stderr, hence the name.)
 */
public final class Progress {
    /** Redrawn at most this often: a campaign of fast machines must not spend its time on the terminal. */
    private static final long REDRAW_NANOS = 200_000_000L;

    private final String what;
    private final long total;
    private final OutputStream tty;
    private final long t0 = System.nanoTime();
    private long done, failed;
    private long drawn = t0 - REDRAW_NANOS; // the first item draws

    private Progress(String what, long total, OutputStream tty) {
        this.what = what;
        this.total = total;
        this.tty = tty;
    }

    /** A line for {@code total} items of {@code what} ("kernel boots"), on the terminal if there is one to write to. */
    public static Progress of(String what, long total) {
        String where = System.getProperty("micros.progress", "");
        OutputStream tty = null;
        if (!where.isBlank()) {
            try {
                tty = new FileOutputStream(where);
            } catch (IOException e) {
                tty = null; // no terminal after all: stay quiet
            }
        }
        return new Progress(what, total, tty);
    }

    /** The whole-machine campaign's tries, as crosscheck's pom passes them ({@code ./micros test --campaign N}). */
    public static long campaign() { return Long.getLong("micros.campaign", 200); }

    public boolean shown() { return tty != null; }

    public synchronized void done(boolean ok) {
        done++;
        if (!ok) failed++;
        long now = System.nanoTime();
        if (now - drawn >= REDRAW_NANOS || done == total) {
            drawn = now;
            draw(line(done, total, failed, (now - t0) / 1e9));
        }
    }

    /** Clears the line (the test report follows). */
    public synchronized void finish() {
        draw("");
        if (tty != null) try { tty.close(); } catch (IOException ignored) { /* the terminal is gone */ }
    }

    /** "micros: kernel boots 37/200, 1 failed, 1m12s left", the time left from the pace so far. */
    String line(long done, long total, long failed, double seconds) {
        String left = done >= total || done == 0 ? "" : ", " + duration(seconds / done * (total - done)) + " left";
        return "micros: " + what + " " + Math.min(done, total) + "/" + total + (failed > 0 ? ", " + failed + " failed" : "") + left;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? s / 60 + "m" + String.format("%02d", s % 60) + "s" : s + "s";
    }

    private void draw(String text) {
        if (tty == null) return;
        try {
            tty.write(("\r\033[K" + text).getBytes(StandardCharsets.UTF_8));
            tty.flush();
        } catch (IOException e) {
            // the terminal went away: the tests go on without their status line
        }
    }
}
