package io.github.atomfinder.analysis;

import java.util.Arrays;

/**
 * Minimum-cost assignment on a dense square cost matrix (Hungarian method with potentials and shortest
 * augmenting paths, O(n³); Kuhn 1955, in the form of Jonker and Volgenant).
 */
final class Assignment {

    private Assignment() {
    }

    /** For each row, the column assigned to it, minimising the summed cost. */
    static int[] solve(double[][] cost) {
        int n = cost.length;
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] rowOfColumn = new int[n + 1];
        int[] way = new int[n + 1];
        for (int row = 1; row <= n; row++) {
            rowOfColumn[0] = row;
            int column = 0;
            double[] minimum = new double[n + 1];
            Arrays.fill(minimum, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[n + 1];
            do {
                used[column] = true;
                int r = rowOfColumn[column];
                double delta = Double.POSITIVE_INFINITY;
                int next = 0;
                for (int c = 1; c <= n; c++) {
                    if (!used[c]) {
                        double reduced = cost[r - 1][c - 1] - u[r] - v[c];
                        if (reduced < minimum[c]) {
                            minimum[c] = reduced;
                            way[c] = column;
                        }
                        if (minimum[c] < delta) {
                            delta = minimum[c];
                            next = c;
                        }
                    }
                }
                for (int c = 0; c <= n; c++) {
                    if (used[c]) {
                        u[rowOfColumn[c]] += delta;
                        v[c] -= delta;
                    } else {
                        minimum[c] -= delta;
                    }
                }
                column = next;
            } while (rowOfColumn[column] != 0);
            do {
                int previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }
        int[] columnOfRow = new int[n];
        for (int c = 1; c <= n; c++) {
            columnOfRow[rowOfColumn[c] - 1] = c - 1;
        }
        return columnOfRow;
    }
}
