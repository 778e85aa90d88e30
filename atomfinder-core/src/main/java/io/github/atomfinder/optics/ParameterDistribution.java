package io.github.atomfinder.optics;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How one microscope parameter is drawn: a fixed value, uniform in [low, high], log-uniform in [low, high], or a
 * weighted mixture of these.
 */
public sealed interface ParameterDistribution {

    double sample(RandomGenerator random);

    /** A representative value: the fixed value, the arithmetic mean of a uniform range, the geometric mean of a log-uniform one. */
    double typical();

    record Fixed(double value) implements ParameterDistribution {
        @Override
        public double typical() {
            return value;
        }

        public Fixed {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("fixed value must be a number");
            }
        }

        @Override
        public double sample(RandomGenerator random) {
            return value;
        }
    }

    record Uniform(double low, double high) implements ParameterDistribution {
        @Override
        public double typical() {
            return 0.5 * (low + high);
        }

        public Uniform {
            if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
                throw new IllegalArgumentException("uniform range needs finite low <= high, got [" + low + ", " + high + "]");
            }
        }

        @Override
        public double sample(RandomGenerator random) {
            return low + (high - low) * random.nextDouble();
        }
    }

    /** Uniform in log(value): every decade equally likely (the paper's "exponential" dose distribution). */
    record LogUniform(double low, double high) implements ParameterDistribution {
        @Override
        public double typical() {
            return Math.sqrt(low * high);
        }

        public LogUniform {
            if (!(low > 0) || !Double.isFinite(high) || low > high) {
                throw new IllegalArgumentException("log-uniform range needs 0 < low <= high, got [" + low + ", " + high + "]");
            }
        }

        @Override
        public double sample(RandomGenerator random) {
            return low * Math.exp(Math.log(high / low) * random.nextDouble());
        }
    }

    /**
     * One of several distributions, chosen with probability proportional to its weight, then drawn from. Lets a
     * training stage mix a narrow range into a wide one (e.g. 20 % of Table 1's defocus range into the first
     * curriculum stage's) instead of switching ranges at once.
     */
    record Mixture(List<Component> components) implements ParameterDistribution {

        /** A mixture component: its weight (any positive number; the weights are normalised) and distribution. */
        public record Component(double weight, ParameterDistribution distribution) {
            public Component {
                if (!(weight > 0) || Double.isInfinite(weight)) {
                    throw new IllegalArgumentException("mixture weight must be a positive number, got " + weight);
                }
                if (distribution == null) {
                    throw new IllegalArgumentException("mixture component needs a distribution");
                }
            }
        }

        public Mixture {
            if (components == null || components.isEmpty()) {
                throw new IllegalArgumentException("mixture needs at least one component");
            }
            components = List.copyOf(components);
        }

        @Override
        public double typical() {
            double sum = 0;
            for (Component c : components) {
                sum += c.weight() * c.distribution().typical();
            }
            return sum / totalWeight();
        }

        @Override
        public double sample(RandomGenerator random) {
            double pick = random.nextDouble() * totalWeight();
            for (Component c : components) {
                pick -= c.weight();
                if (pick < 0) {
                    return c.distribution().sample(random);
                }
            }
            return components.get(components.size() - 1).distribution().sample(random);
        }

        private double totalWeight() {
            double sum = 0;
            for (Component c : components) {
                sum += c.weight();
            }
            return sum;
        }
    }
}
