package io.github.atomfinder.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationOverlayTest {

    @Test
    void marksFoundMissedSpuriousAndUnscoredSitesWhereTheyAre() {
        // 64 px of 0.1 Å, enlarged 8× to 512 px: a site at x Å is drawn at 8 (10x + 0.5) px, marks of 0.3 Å are
        // 24 px circles with 6 px strokes, and matched detections are dots of 8 px radius.
        RealImage image = new RealImage(Grid.of(64, 64, 0.1), ramp(64));
        List<Site> truth = List.of(new Site(2.0, 2.0, 1), new Site(4.0, 4.0, 1), new Site(0.3, 3.0, 1));
        List<Site> found = List.of(new Site(2.1, 2.0, 1), new Site(5.0, 2.0, 1));
        Evaluation evaluation = new Evaluation(0.5, 1.0);
        Evaluation.TestImage test = new Evaluation.TestImage("t", 1e4, List.of(image), truth);
        Scoring.Score score = evaluation.score(test, found);
        assertEquals(1, score.truePositives());
        assertEquals(1, score.falseNegatives(), "(0.3, 3) lies in the 1 Å border strip and is not scored");
        assertEquals(1, score.falsePositives());

        BufferedImage picture = EvaluationOverlay.render(evaluation,
                new Evaluation.ScoredImage(test, found, score, Evaluation.ImageResult.of(test, 0, score)));

        assertEquals(512, picture.getWidth());
        assertEquals(512, picture.getHeight());
        assertEquals(EvaluationOverlay.FOUND, colour(picture, 164 + 24, 164), "circle of the found site (2, 2)");
        assertEquals(EvaluationOverlay.FOUND, colour(picture, 172, 164), "dot of the detection at (2.1, 2)");
        assertEquals(EvaluationOverlay.MISSED, colour(picture, 324 + 24, 324), "circle of the missed site (4, 4)");
        assertEquals(EvaluationOverlay.SPURIOUS, colour(picture, 404, 164), "cross of the spurious detection (5, 2)");
        assertEquals(EvaluationOverlay.UNSCORED, colour(picture, 28 + 24, 244), "circle of the border site (0.3, 3)");
        // Away from every mark the picture is the image in grey: the ramp darkens to the left.
        Color left = colour(picture, 100, 480);
        Color right = colour(picture, 460, 480);
        assertEquals(left.getRed(), left.getBlue());
        assertEquals(right.getRed(), right.getGreen());
        assertTrue(left.getRed() < right.getRed());
    }

    @Test
    void smallImagesAreEnlargedToAtLeast512PixelsAndLargeOnesKeptAsTheyAre() {
        assertEquals(8, EvaluationOverlay.scale(64, 64));
        assertEquals(2, EvaluationOverlay.scale(256, 300));
        assertEquals(3, EvaluationOverlay.scale(200, 200));
        assertEquals(1, EvaluationOverlay.scale(1024, 1024));
    }

    private static float[] ramp(int n) {
        float[] data = new float[n * n];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % n;
        }
        return data;
    }

    private static Color colour(BufferedImage picture, int x, int y) {
        return new Color(picture.getRGB(x, y));
    }
}
