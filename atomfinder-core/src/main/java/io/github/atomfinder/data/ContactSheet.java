package io.github.atomfinder.data;

import io.github.atomfinder.grid.Grid;
import io.github.atomfinder.grid.RealImage;
import io.github.atomfinder.optics.Microscope;
import io.github.atomfinder.postprocess.Overlay;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A picture of training pairs for a person to judge: one row per pair with the simulated image, the
 * normalised network input and the atom label map (all non-background classes), and a caption with the
 * microscope's dose, defocus, Cs and pixel size.
 */
public final class ContactSheet {

    private static final int CAPTION_HEIGHT = 16;
    private static final int GAP = 4;

    private ContactSheet() {
    }

    public static BufferedImage render(List<PairSampler.Drawn> pairs) {
        int size = pairs.get(0).pair().height();
        int width = 3 * size + 4 * GAP;
        int rowHeight = size + CAPTION_HEIGHT + GAP;
        BufferedImage sheet = new BufferedImage(width, pairs.size() * rowHeight + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int r = 0; r < pairs.size(); r++) {
                PairSampler.Drawn drawn = pairs.get(r);
                TrainingPair pair = drawn.pair();
                int top = GAP + r * rowHeight;
                Grid grid = Grid.of(pair.height(), pair.width(), 1);
                int plane = pair.height() * pair.width();
                float[] firstChannel = java.util.Arrays.copyOf(pair.input(), plane);
                float[] sites = new float[plane];
                for (int p = 0; p < plane; p++) {
                    sites[p] = 1 - pair.labels()[p];
                }
                g.drawImage(Overlay.greyscale(drawn.rawImages().get(0)), GAP, top, null);
                g.drawImage(Overlay.greyscale(new RealImage(grid, firstChannel)), 2 * GAP + size, top, null);
                g.drawImage(Overlay.greyscale(new RealImage(grid, sites)), 3 * GAP + 2 * size, top, null);
                g.setColor(Color.BLACK);
                g.drawString(caption(drawn), GAP, top + size + CAPTION_HEIGHT - 4);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static String caption(PairSampler.Drawn drawn) {
        Microscope m = drawn.microscope();
        return String.format(Locale.ROOT, "example %d  dose %.3g e/Å²  defocus %.0f Å  Cs %.1f µm  pixel %.3f Å",
                drawn.exampleIndex(), m.doseElectronsPerA2(), m.aberrations().defocusAngstrom(),
                m.aberrations().csAngstrom() / 1e4, drawn.rawImages().get(0).grid().dxAngstrom());
    }
}
