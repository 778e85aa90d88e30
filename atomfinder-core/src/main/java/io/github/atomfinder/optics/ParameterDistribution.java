package io.github.atomfinder.optics;

import java.util.random.RandomGenerator;

/** How one microscope parameter is drawn: a fixed value, uniform in [low, high], or log-uniform in [low, high]. */
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
}
