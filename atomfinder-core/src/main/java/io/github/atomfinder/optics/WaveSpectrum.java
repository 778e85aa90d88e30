package io.github.atomfinder.optics;

import io.github.atomfinder.fft.Fft2;
import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;

/**
 * The Fourier transform of an exit wave (FFT order, interleaved), computed once so that many images can be formed
 * from one stored wave without repeating its largest FFT. Read-only: share it freely between threads.
 *
 * @param grid the real-space sampling of the wave
 * @param data the unnormalised forward transform, {@code 2 · ny · nx} floats
 */
public record WaveSpectrum(Grid grid, float[] data) {

    public WaveSpectrum {
        if (data.length != 2 * grid.size()) {
            throw new IllegalArgumentException("spectrum length " + data.length + " does not match grid " + grid.ny() + " x " + grid.nx());
        }
    }

    public static WaveSpectrum of(ComplexField exitWave) {
        return new WaveSpectrum(exitWave.grid(), Fft2.forward(exitWave).data());
    }
}
