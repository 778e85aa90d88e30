package io.github.atomfinder.simulation;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.structure.Atoms;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Plane-wave multislice exit waves (method.md §1–3): incident ψ = 1, for each slice ψ ← F⁻¹[P F[t ψ]], each
 * slice acting at its own plane ({@link ProjectedPotentials#planeZAngstrom}).
 *
 * <p>Entry points are pure functions of the atoms and the parameters. With {@code threads > 1} the work is
 * split over frozen-phonon configurations, or, for a single configuration, the transmission functions of the
 * next slices are computed by workers while the calling thread propagates. The FFT facade's own threading
 * ({@link io.github.atomfinder.fft.Fft2#setThreadsPerTransform}) is left to the application; use 1 with
 * {@code threads > 1}.
 */
public final class ExitWaves {

    private static final Map<Integer, ExecutorService> POOLS = new ConcurrentHashMap<>();

    private ExitWaves() {
    }

    /** The exit wave on one thread; with frozen phonons, the mean over configurations. */
    public static ComplexField simulate(Atoms atoms, SimulationParameters parameters) {
        return simulate(atoms, parameters, 1);
    }

    /**
     * The exit wave; with frozen phonons the coherent mean of the configurations' exit waves. For images, average
     * intensities over {@link #configurations} instead.
     */
    public static ComplexField simulate(Atoms atoms, SimulationParameters parameters, int threads) {
        return simulate(atoms, parameters, threads, done -> { });
    }

    /** As {@link #simulate(Atoms, SimulationParameters, int)}, reporting the number of finished configurations. */
    public static ComplexField simulate(Atoms atoms, SimulationParameters parameters, int threads, IntConsumer progress) {
        List<ComplexField> waves = configurations(atoms, parameters, threads, progress);
        if (waves.size() == 1) {
            return waves.get(0);
        }
        float[] mean = new float[waves.get(0).data().length];
        for (ComplexField wave : waves) {
            float[] d = wave.data();
            for (int i = 0; i < mean.length; i++) {
                mean[i] += d[i];
            }
        }
        float scale = 1f / waves.size();
        for (int i = 0; i < mean.length; i++) {
            mean[i] *= scale;
        }
        return new ComplexField(waves.get(0).grid(), mean);
    }

    /**
     * One exit wave per frozen-phonon configuration (one wave for a static lattice). Configuration c uses the c-th
     * generator split from {@code SplittableRandom(seed)}, so results do not depend on the thread count.
     */
    public static List<ComplexField> configurations(Atoms atoms, SimulationParameters parameters, int threads) {
        return configurations(atoms, parameters, threads, done -> { });
    }

    /** As {@link #configurations(Atoms, SimulationParameters, int)}, reporting the number of finished configurations. */
    public static List<ComplexField> configurations(Atoms atoms, SimulationParameters parameters, int threads,
            IntConsumer progress) {
        int count = Math.max(1, parameters.phononConfigurations());
        List<Atoms> configs = new ArrayList<>(count);
        if (parameters.phononConfigurations() == 0) {
            configs.add(atoms);
        } else {
            SplittableRandom root = new SplittableRandom(parameters.seed());
            for (int c = 0; c < count; c++) {
                configs.add(FrozenPhonons.displaced(atoms, parameters.phononSigmaAngstrom(), root.split()));
            }
        }
        int workers = Math.max(1, threads);
        if (count == 1 || workers == 1) {
            List<ComplexField> out = new ArrayList<>(count);
            for (Atoms config : configs) {
                out.add(single(config, parameters, workers));
                progress.accept(out.size());
            }
            return out;
        }
        ExecutorService pool = pool(Math.min(workers, count));
        List<Future<ComplexField>> futures = new ArrayList<>();
        for (Atoms config : configs) {
            futures.add(pool.submit(() -> single(config, parameters, 1)));
        }
        List<ComplexField> out = new ArrayList<>(count);
        for (Future<ComplexField> f : futures) {
            out.add(join(f));
            progress.accept(out.size());
        }
        return out;
    }

    /**
     * One configuration: the exit wave after all slices of {@code atoms}. Only slices holding atoms are transmitted
     * (two at a time share one potential transform); the wave travels from each one's plane to the next and from the
     * last to the exit surface z = c. The plane wave needs no propagation before the first plane.
     */
    static ComplexField single(Atoms atoms, SimulationParameters parameters, int threads) {
        ProjectedPotentials potentials = ProjectedPotentials.of(atoms, parameters);
        Grid grid = potentials.grid();
        Multislice multislice = new Multislice(grid, parameters.interactionParameter(), parameters.wavelengthAngstrom());
        ComplexField wave = ComplexField.planeWave(grid);
        float[] psi = wave.data();
        int[] planes = potentials.occupiedSlices();
        double[] distances = new double[planes.length];
        for (int p = 0; p < planes.length; p++) {
            double next = p + 1 < planes.length ? potentials.planeZAngstrom(planes[p + 1])
                    : potentials.layout().depthAngstrom();
            distances[p] = next - potentials.planeZAngstrom(planes[p]);
        }
        if (threads <= 1) {
            float[] pair = new float[psi.length];
            float[] scratch = new float[psi.length];
            float[] t = new float[psi.length];
            for (int p = 0; p < planes.length; p += 2) {
                potentials.computePair(planes[p], p + 1 < planes.length ? planes[p + 1] : -1, pair, scratch);
                for (int j = 0; j < 2 && p + j < planes.length; j++) {
                    if (p + j == 0) {
                        multislice.phaseFactor(pair, j, t);
                        multislice.enter(psi, t, distances[0]);
                    } else {
                        multislice.transmission(pair, j, t);
                        multislice.step(psi, t, distances[p + j]);
                    }
                }
            }
            return wave;
        }
        ExecutorService pool = pool(threads);
        // A bounded window of pair tasks keeps memory at O(threads) slices for any depth.
        int window = 2 * threads;
        Deque<Future<float[][]>> pending = new ArrayDeque<>();
        int next = 0;
        for (int p = 0; p < planes.length; p += 2) {
            while (next < planes.length && pending.size() < window) {
                int first = planes[next];
                int second = next + 1 < planes.length ? planes[next + 1] : -1;
                boolean entrance = next == 0;
                pending.add(pool.submit(() -> transmissionPair(potentials, multislice, first, second, entrance)));
                next += 2;
            }
            float[][] ts = join(pending.removeFirst());
            for (int j = 0; j < ts.length; j++) {
                if (p + j == 0) {
                    multislice.enter(psi, ts[j], distances[0]);
                } else {
                    multislice.step(psi, ts[j], distances[p + j]);
                }
            }
        }
        return wave;
    }

    /**
     * A long-lived pool per worker count: FFT plans are cached per thread, so reusing threads across calls avoids
     * re-planning. Tasks submitted here never wait on other tasks, so sharing a pool cannot deadlock.
     */
    private static ExecutorService pool(int threads) {
        return POOLS.computeIfAbsent(threads, n -> Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "multislice-" + n);
            t.setDaemon(true);
            return t;
        }));
    }

    /** Band-limited transmission functions of two slices; the entrance slice's as its unlimited phase factor. */
    private static float[][] transmissionPair(ProjectedPotentials potentials, Multislice multislice, int first,
            int second, boolean entrance) {
        int length = 2 * potentials.grid().size();
        float[] pair = new float[length];
        potentials.computePair(first, second, pair, new float[length]);
        float[][] out = new float[second >= 0 ? 2 : 1][length];
        for (int j = 0; j < out.length; j++) {
            if (entrance && j == 0) {
                multislice.phaseFactor(pair, j, out[j]);
            } else {
                multislice.transmission(pair, j, out[j]);
            }
        }
        return out;
    }

    private static <T> T join(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        }
    }
}
