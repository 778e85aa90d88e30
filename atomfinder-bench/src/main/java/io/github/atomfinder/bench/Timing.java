package io.github.atomfinder.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;

/** Wall-clock timing with warm-up: reports the median and spread of repeated runs. */
public final class Timing {

    /** Times of repeated runs in milliseconds. */
    public record Result(String name, double medianMs, double minMs, double maxMs, int runs) {
        @Override
        public String toString() {
            return String.format("%-55s median %9.2f ms  (min %.2f, max %.2f, %d runs)", name, medianMs, minMs, maxMs, runs);
        }
    }

    private Timing() {
    }

    public static Result time(String name, int warmups, int runs, Runnable action) {
        return measure(name, warmups, runs, action, System::nanoTime);
    }

    /**
     * As {@link #time}, but the CPU time of the calling thread: the single-core cost of single-threaded work when
     * other jobs share the machine and the wall clock mostly measures waiting.
     */
    public static Result cpuTime(String name, int warmups, int runs, Runnable action) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        return measure(name, warmups, runs, action, bean::getCurrentThreadCpuTime);
    }

    private static Result measure(String name, int warmups, int runs, Runnable action, LongSupplier clockNs) {
        for (int i = 0; i < warmups; i++) {
            action.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = clockNs.getAsLong();
            action.run();
            ms[i] = (clockNs.getAsLong() - start) / 1e6;
        }
        Arrays.sort(ms);
        Result result = new Result(name, ms[runs / 2], ms[0], ms[runs - 1], runs);
        System.out.println(result);
        return result;
    }
}
