package io.github.atomfinder.postprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Regional maxima of a row-major image with 8-connectivity: connected sets of equal-valued pixels none of
 * whose neighbours is higher. A plateau (common where a sigmoid saturates at 1.0f) is one region, not many
 * pixels, so it yields exactly one atom. Pixels outside the image count as lower, so maxima may touch the
 * border.
 */
final class RegionalMaxima {

    /** One regional maximum: its pixels (row-major indices, ascending for single pixels) and their value. */
    record Region(int[] pixels, float value) {

        int anchor() {
            return pixels[0];
        }

        double centroidX(int nx) {
            double sum = 0;
            for (int p : pixels) {
                sum += p % nx;
            }
            return sum / pixels.length;
        }

        double centroidY(int nx) {
            double sum = 0;
            for (int p : pixels) {
                sum += p / nx;
            }
            return sum / pixels.length;
        }
    }

    private RegionalMaxima() {
    }

    /** Regional maxima among the pixels accepted by {@code eligible}; ineligible pixels still count as neighbours. */
    static List<Region> find(float[] values, int ny, int nx, IntPredicate eligible) {
        List<Region> regions = new ArrayList<>();
        boolean[] visited = null;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = y * nx + x;
                float v = values[i];
                if (!eligible.test(i)) {
                    continue;
                }
                boolean plateau = false;
                boolean higher = false;
                for (int yy = Math.max(0, y - 1); yy <= Math.min(ny - 1, y + 1) && !higher; yy++) {
                    for (int xx = Math.max(0, x - 1); xx <= Math.min(nx - 1, x + 1); xx++) {
                        float w = values[yy * nx + xx];
                        if (w > v) {
                            higher = true;
                            break;
                        }
                        if (w == v && (yy != y || xx != x)) {
                            plateau = true;
                        }
                    }
                }
                if (higher) {
                    continue;
                }
                if (!plateau) {
                    regions.add(new Region(new int[] {i}, v));
                    continue;
                }
                if (visited == null) {
                    visited = new boolean[ny * nx];
                }
                if (!visited[i]) {
                    int[] pixels = plateauIfMaximum(values, ny, nx, i, visited, eligible);
                    if (pixels != null) {
                        regions.add(new Region(pixels, v));
                    }
                }
            }
        }
        return regions;
    }

    /** Floods the equal-valued plateau containing {@code start}; returns its pixels, or null if it is not a maximum. */
    private static int[] plateauIfMaximum(float[] values, int ny, int nx, int start, boolean[] visited, IntPredicate eligible) {
        float v = values[start];
        int[] stack = new int[16];
        int top = 0;
        int[] members = new int[16];
        int count = 0;
        boolean maximum = true;
        stack[top++] = start;
        visited[start] = true;
        while (top > 0) {
            int p = stack[--top];
            if (count == members.length) {
                members = java.util.Arrays.copyOf(members, 2 * count);
            }
            members[count++] = p;
            maximum &= eligible.test(p);
            int y = p / nx;
            int x = p % nx;
            for (int yy = Math.max(0, y - 1); yy <= Math.min(ny - 1, y + 1); yy++) {
                for (int xx = Math.max(0, x - 1); xx <= Math.min(nx - 1, x + 1); xx++) {
                    int q = yy * nx + xx;
                    float w = values[q];
                    if (w > v) {
                        maximum = false;
                    } else if (w == v && !visited[q]) {
                        visited[q] = true;
                        if (top == stack.length) {
                            stack = java.util.Arrays.copyOf(stack, 2 * top);
                        }
                        stack[top++] = q;
                    }
                }
            }
        }
        if (!maximum) {
            return null;
        }
        int[] pixels = java.util.Arrays.copyOf(members, count);
        java.util.Arrays.sort(pixels);
        return pixels;
    }
}
