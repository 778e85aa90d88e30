package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.atomfinder.data.DatasetFolder;
import io.github.atomfinder.data.DatasetPreset;
import io.github.atomfinder.data.TrainingPair;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {

    @TempDir
    Path temp;

    @Test
    void theValidationCropsDoNotDependOnTheRunsSeedButTheTrainingImagesDo() throws Exception {
        Path dataset = temp.resolve("dataset");
        DatasetFolder.build(dataset, DatasetPreset.GRAPHENE, DatasetPreset.GRAPHENE.microscopes(), 4, 1, 1, 2, n -> { });
        TrainingData first = TrainingData.open(dataset, 64, 1);
        TrainingData other = TrainingData.open(dataset, 64, 9);
        for (int i = 0; i < 2; i++) {
            TrainingPair a = first.source().pair(NetTraining.VALIDATION_STEP, i);
            TrainingPair b = other.source().pair(NetTraining.VALIDATION_STEP, i);
            assertArrayEquals(a.input(), b.input(), 0f);
            assertArrayEquals(a.labels(), b.labels(), 0f);
        }
        assertFalse(Arrays.equals(first.source().pair(0, 0).input(), other.source().pair(0, 0).input()),
                "training images are drawn from the run's seed");
    }

    @Test
    void theLabelWidthScalesEachSitesGaussianAndLeavesTheImageAlone() throws Exception {
        Path dataset = temp.resolve("dataset");
        DatasetFolder.build(dataset, DatasetPreset.GRAPHENE, DatasetPreset.GRAPHENE.microscopes(), 2, 1, 1, 2, n -> { });
        TrainingPair wide = TrainingData.open(dataset, 128, 1, null, null, 0.35).source().pair(NetTraining.VALIDATION_STEP, 0);
        TrainingPair sharp = TrainingData.open(dataset, 128, 1, null, null, 0.25).source().pair(NetTraining.VALIDATION_STEP, 0);
        assertArrayEquals(wide.input(), sharp.input(), 0f);
        // The carbon map is a sum of unit-peak Gaussians, so its integral goes as σ² (sites far from the crop's edge
        // dominate; those cut by the edge lose about the same fraction at either width).
        int pixels = wide.height() * wide.width();
        double wideSum = 0;
        double sharpSum = 0;
        for (int i = pixels; i < 2 * pixels; i++) {
            wideSum += wide.labels()[i];
            sharpSum += sharp.labels()[i];
        }
        assertEquals(0.25 * 0.25 / (0.35 * 0.35), sharpSum / wideSum, 0.03);
    }
}
