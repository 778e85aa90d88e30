package io.github.atomfinder.cli;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A progress bar on stderr with rate and ETA. On a terminal it redraws one line; otherwise (logs, CI) it
 * prints a line at most every ten seconds so logs stay short.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos;
    private long done;
    private String status = "";

    public ProgressBar(String label, long total) {
        this(label, total, System.err, System.console() != null);
    }

    ProgressBar(String label, long total, PrintStream out, boolean interactive) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.interactive = interactive;
    }

    /** Sets the count of finished units and a short status (e.g. the current loss). */
    public synchronized void update(long finished, String newStatus) {
        this.done = Math.min(finished, total);
        this.status = newStatus == null ? "" : newStatus;
        long now = System.nanoTime();
        long minGap = interactive ? 100_000_000L : 10_000_000_000L;
        if (now - lastPrintNanos >= minGap || done == total) {
            lastPrintNanos = now;
            print(now);
        }
    }

    public void step(String newStatus) {
        update(done + 1, newStatus);
    }

    private void print(long now) {
        double elapsed = (now - startNanos) / 1e9;
        double fraction = (double) done / total;
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String eta = done == 0 ? "?" : format(Duration.ofMillis((long) (elapsed / done * (total - done) * 1000)));
        String line = String.format("%s [%s] %d/%d %s elapsed %s eta %s", label, bar, done, total, status,
                format(Duration.ofMillis((long) (elapsed * 1000))), eta);
        if (interactive) {
            out.print("\r" + line + "\u001b[K");
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, (s / 60) % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        if (interactive) {
            out.println();
        }
    }
}
