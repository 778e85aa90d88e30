package io.github.atomfinder.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.ComplexField;
import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.optics.WaveSpectrum;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetryAndLabelsTest {

    private static final Grid GRID = new Grid(40, 50, 0.1, 0.1);

    /** Sites on pixel centres, and a wave that is 1 everywhere except a marker value at each site. */
    private static Sites sitesOnPixels() {
        return new Sites(new double[] {0.0, 1.3, 3.4, 2.2}, new double[] {0.0, 0.7, 2.6, 3.1}, new int[] {1, 2, 1, 2});
    }

    private static ComplexField markerWave(Sites sites) {
        ComplexField wave = ComplexField.planeWave(GRID);
        for (int i = 0; i < sites.size(); i++) {
            int ix = (int) Math.round(sites.x(i) / GRID.dxAngstrom());
            int iy = (int) Math.round(sites.y(i) / GRID.dyAngstrom());
            wave.data()[2 * (iy * GRID.nx() + ix)] = 10 + i;
        }
        return wave;
    }

    @Test
    void wavePixelsAndSitesMoveTogetherUnderEverySymmetry() {
        Sites sites = sitesOnPixels();
        ComplexField wave = markerWave(sites);
        for (boolean mirror : new boolean[] {false, true}) {
            for (int turns = 0; turns < 4; turns++) {
                Symmetry symmetry = new Symmetry(mirror, turns, 7, 13);
                ComplexField moved = symmetry.apply(wave);
                Sites movedSites = symmetry.apply(sites, GRID);
                Grid out = moved.grid();
                assertEquals(symmetry.apply(GRID), out);
                for (int i = 0; i < sites.size(); i++) {
                    int ix = (int) Math.round(movedSites.x(i) / out.dxAngstrom()) % out.nx();
                    int iy = (int) Math.round(movedSites.y(i) / out.dyAngstrom()) % out.ny();
                    assertEquals(10 + i, moved.real(iy, ix), 1e-6,
                            "site " + i + " under mirror=" + mirror + " turns=" + turns);
                }
            }
        }
    }

    @Test
    void symmetryOfTheSpectrumIsTheSpectrumOfTheMovedWave() {
        SplittableRandom random = new SplittableRandom(11);
        ComplexField wave = ComplexField.zeros(GRID);
        for (int i = 0; i < wave.data().length; i++) {
            wave.data()[i] = (float) random.nextGaussian();
        }
        WaveSpectrum spectrum = WaveSpectrum.of(wave);
        for (boolean mirror : new boolean[] {false, true}) {
            for (int turns = 0; turns < 4; turns++) {
                Symmetry symmetry = new Symmetry(mirror, turns, 7, 13);
                float[] expected = WaveSpectrum.of(symmetry.apply(wave)).data();
                WaveSpectrum moved = symmetry.apply(spectrum);
                assertEquals(symmetry.apply(GRID), moved.grid());
                double error = 0;
                double norm = 0;
                for (int i = 0; i < expected.length; i++) {
                    error += Math.pow(moved.data()[i] - expected[i], 2);
                    norm += Math.pow(expected[i], 2);
                }
                assertTrue(Math.sqrt(error / norm) < 1e-5, "mirror=" + mirror + " turns=" + turns + ": relative error "
                        + Math.sqrt(error / norm));
            }
        }
    }

    @Test
    void labelMapsSumToOneAndPeakAtEachTransformedSite() {
        Sites sites = sitesOnPixels();
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 8; trial++) {
            Symmetry symmetry = Symmetry.random(GRID, random);
            Grid out = symmetry.apply(GRID);
            Sites moved = symmetry.apply(sites, GRID);
            float[] maps = LabelMaps.gaussian(out, moved, 3, 0.3, 0, 0, true, out.extentYAngstrom(), out.extentXAngstrom());
            int plane = out.size();
            for (int p = 0; p < plane; p++) {
                double sum = maps[p] + maps[plane + p] + maps[2 * plane + p];
                assertEquals(1.0, sum, 1e-5);
                assertTrue(maps[p] >= 0 && maps[p] <= 1);
            }
            for (int i = 0; i < moved.size(); i++) {
                int ix = (int) Math.round(moved.x(i) / out.dxAngstrom()) % out.nx();
                int iy = (int) Math.round(moved.y(i) / out.dyAngstrom()) % out.ny();
                int k = moved.classOf(i);
                float peak = maps[k * plane + iy * out.nx() + ix];
                assertEquals(1.0, peak, 1e-3, "class map peaks at 1 on the site");
                float neighbour = maps[k * plane + iy * out.nx() + (ix + 2) % out.nx()];
                assertTrue(neighbour < peak, "the site is a local maximum");
            }
        }
    }

    @Test
    void periodicLabelsWrapAcrossTheCellBorder() {
        Sites corner = new Sites(new double[] {0.0}, new double[] {0.0}, new int[] {1});
        float[] maps = LabelMaps.gaussian(GRID, corner, 2, 0.3, 0, 0, true, GRID.extentYAngstrom(), GRID.extentXAngstrom());
        int plane = GRID.size();
        double expected = Math.exp(-(0.1 * 0.1) / (2 * 0.3 * 0.3));
        assertEquals(expected, maps[plane + GRID.nx() - 1], 1e-5, "left neighbour across the border");
        assertEquals(expected, maps[plane + (GRID.ny() - 1) * GRID.nx()], 1e-5, "upper neighbour across the border");
    }
}
