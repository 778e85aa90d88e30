package io.github.atomfinder.bench;

import io.github.atomfinder.nn.BackwardCheck;
import io.github.atomfinder.nn.FusionNetArchitecture;
import java.util.List;

/**
 * Which network widths this machine's backward pass gets right: {@link BackwardCheck} (the check {@code train}
 * runs first) for each width, 3 levels, 2 classes. Run it under different {@code DNNL_MAX_CPU_ISA} settings to
 * compare oneDNN's kernel sets. Usage: {@code bin/bench BackwardKernels [4,8,16,24,32]}.
 */
public final class BackwardKernels {

    private BackwardKernels() {
    }

    public static void main(String[] args) {
        String widths = args.length > 0 ? args[0] : "4,8,16,24,32";
        String isa = System.getenv().getOrDefault("DNNL_MAX_CPU_ISA", "(unset: every kernel set the CPU has)");
        System.out.println("DNNL_MAX_CPU_ISA " + isa);
        for (String w : widths.split(",")) {
            int width = Integer.parseInt(w.strip());
            List<String> wrong = BackwardCheck.mismatches(new FusionNetArchitecture(1, 2, width, 3));
            System.out.println("width " + width + ": " + (wrong.isEmpty() ? "gradients agree with the loss"
                    : wrong.size() + " of the checked entries wrong, e.g. " + wrong.get(0)));
        }
    }
}
