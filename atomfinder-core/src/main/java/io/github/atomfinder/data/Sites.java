package io.github.atomfinder.data;

import java.util.Arrays;

/**
 * Labelled sites of one example: atoms (graphene) or atomic columns (nanoparticles), positions in Å in the
 * cell's frame (see docs/conventions.md), and a class per site counted from 1 (class 0 is the background).
 */
public record Sites(double[] xAngstrom, double[] yAngstrom, int[] classIndex) {

    public Sites {
        if (yAngstrom.length != xAngstrom.length || classIndex.length != xAngstrom.length) {
            throw new IllegalArgumentException("site arrays differ in length");
        }
        for (int c : classIndex) {
            if (c < 1) {
                throw new IllegalArgumentException("site classes count from 1 (0 is the background), got " + c);
            }
        }
        xAngstrom = xAngstrom.clone();
        yAngstrom = yAngstrom.clone();
        classIndex = classIndex.clone();
    }

    public int size() {
        return xAngstrom.length;
    }

    public int maxClass() {
        return Arrays.stream(classIndex).max().orElse(0);
    }

    @Override
    public double[] xAngstrom() {
        return xAngstrom.clone();
    }

    @Override
    public double[] yAngstrom() {
        return yAngstrom.clone();
    }

    @Override
    public int[] classIndex() {
        return classIndex.clone();
    }

    public double x(int i) {
        return xAngstrom[i];
    }

    public double y(int i) {
        return yAngstrom[i];
    }

    public int classOf(int i) {
        return classIndex[i];
    }
}
