package io.github.atomfinder.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
}
