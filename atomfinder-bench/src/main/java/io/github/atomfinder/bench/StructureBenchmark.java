package io.github.atomfinder.bench;

import io.github.atomfinder.structure.Atoms;
import io.github.atomfinder.structure.BondGraph;
import io.github.atomfinder.structure.FccNanoparticle;
import io.github.atomfinder.structure.GrapheneLikeSheet;
import io.github.atomfinder.structure.RingStatistics;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Generation time and quality of training structures: graphene-like sheets of the paper's 43.2 Å cell for
 * several Lloyd / spring step counts (the measurement behind the defaults), and gold nanoparticles.
 */
public final class StructureBenchmark {

    private static final int SHEETS = 20;

    private StructureBenchmark() {
    }

    public static void main(String[] args) {
        GrapheneLikeSheet.Parameters base = GrapheneLikeSheet.Parameters.square(43.2).withHoles(0);
        int[][] steps = {{0, 0}, {8, 0}, {4, 60}, {8, 60}, {8, 100}};
        System.out.println("| Lloyd | springs | atoms | mean bond Å | std Å | closest pair Å | not 3-coord. | rings 5/6/7/8 (other) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int[] s : steps) {
            sheetStatistics(base.withSteps(s[0], s[1]), s[0], s[1]);
        }
        GrapheneLikeSheet.Parameters defaults = GrapheneLikeSheet.Parameters.square(43.2);
        int[] seed = {0};
        Timing.time("graphene-like sheet 43.2 Å, defaults (holes on)", 3, 15,
                () -> GrapheneLikeSheet.generate(defaults, new SplittableRandom(seed[0]++)));
        FccNanoparticle.Parameters gold = FccNanoparticle.Parameters.gold();
        Timing.time("gold nanoparticle, defaults (R 5-14 Å)", 5, 21,
                () -> FccNanoparticle.generate(gold, new SplittableRandom(seed[0]++)));
        FccNanoparticle.Parameters big = gold.withRadius(14, 14).withRoughening(0.2, 2, 2);
        Timing.time("gold nanoparticle, R = 14 Å, 20 % added", 2, 9,
                () -> FccNanoparticle.generate(big, new SplittableRandom(seed[0]++)));
        for (double t : new double[] {0.3, 1, 3, 10}) {
            double sum = 0;
            for (int k = 0; k < 8; k++) {
                FccNanoparticle.Parameters p = gold.withRadius(9, 9).withRoughening(0.3, t, t);
                int[] counts = FccNanoparticle.coordinationNumbers(FccNanoparticle.generate(p, new SplittableRandom(k)).sites());
                sum += Arrays.stream(counts).filter(c -> c < 12).average().orElseThrow();
            }
            System.out.printf("T = %4.1f: mean surface coordination %.2f (R = 9 Å, 30 %% added, 8 particles)%n", t, sum / 8);
        }
    }

    private static void sheetStatistics(GrapheneLikeSheet.Parameters p, int lloyd, int springs) {
        double sum = 0;
        double sum2 = 0;
        int count = 0;
        int atoms = 0;
        int notThree = 0;
        double closest = Double.MAX_VALUE;
        Map<Integer, Integer> rings = new TreeMap<>();
        for (int seed = 0; seed < SHEETS; seed++) {
            Atoms sheet = GrapheneLikeSheet.generate(p, new SplittableRandom(seed));
            atoms += sheet.size();
            BondGraph graph = BondGraph.byCutoff(sheet, 1.8);
            for (double l : graph.bondLengths()) {
                sum += l;
                sum2 += l * l;
                count++;
                closest = Math.min(closest, l);
            }
            for (int i = 0; i < graph.size(); i++) {
                notThree += graph.coordination(i) == 3 ? 0 : 1;
            }
            RingStatistics r = graph.rings(12);
            r.countsBySize().forEach((k, v) -> rings.merge(k, v, Integer::sum));
        }
        double mean = sum / count;
        int other = rings.entrySet().stream().filter(e -> e.getKey() < 5 || e.getKey() > 8).mapToInt(Map.Entry::getValue).sum();
        System.out.printf("| %d | %d | %d | %.3f | %.3f | %.3f | %d | %d/%d/%d/%d (%d) |%n", lloyd, springs, atoms / SHEETS,
                mean, Math.sqrt(sum2 / count - mean * mean), closest, notThree, rings.getOrDefault(5, 0),
                rings.getOrDefault(6, 0), rings.getOrDefault(7, 0), rings.getOrDefault(8, 0), other);
    }
}
