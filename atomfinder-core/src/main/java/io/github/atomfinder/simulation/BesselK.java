package io.github.atomfinder.simulation;

/**
 * Modified Bessel functions K0 and K1 for x &gt; 0 by the polynomial approximations of Abramowitz &amp; Stegun
 * 9.8.1–9.8.8 (relative error below about 1e-7), enough for the analytic projected potentials.
 */
public final class BesselK {

    private BesselK() {
    }

    /** I0(x) for |x| ≤ 3.75 (A&amp;S 9.8.1); only the small-argument branch is needed by K0. */
    static double i0Small(double x) {
        double t = x / 3.75;
        double t2 = t * t;
        return 1 + t2 * (3.5156229 + t2 * (3.0899424 + t2 * (1.2067492 + t2 * (0.2659732
                + t2 * (0.0360768 + t2 * 0.0045813)))));
    }

    /** I1(x) for |x| ≤ 3.75 (A&amp;S 9.8.3). */
    static double i1Small(double x) {
        double t = x / 3.75;
        double t2 = t * t;
        return x * (0.5 + t2 * (0.87890594 + t2 * (0.51498869 + t2 * (0.15084934 + t2 * (0.02658733
                + t2 * (0.00301532 + t2 * 0.00032411))))));
    }

    /** K0(x), x &gt; 0 (A&amp;S 9.8.5, 9.8.6). */
    public static double k0(double x) {
        requirePositive(x);
        if (x <= 2) {
            double h = x / 2;
            double h2 = h * h;
            return -Math.log(h) * i0Small(x) + (-0.57721566 + h2 * (0.42278420 + h2 * (0.23069756
                    + h2 * (0.03488590 + h2 * (0.00262698 + h2 * (0.00010750 + h2 * 0.00000740))))));
        }
        double u = 2 / x;
        return Math.exp(-x) / Math.sqrt(x) * (1.25331414 + u * (-0.07832358 + u * (0.02189568
                + u * (-0.01062446 + u * (0.00587872 + u * (-0.00251540 + u * 0.00053208))))));
    }

    /** K1(x), x &gt; 0 (A&amp;S 9.8.7, 9.8.8). */
    public static double k1(double x) {
        requirePositive(x);
        if (x <= 2) {
            double h = x / 2;
            double h2 = h * h;
            return Math.log(h) * i1Small(x) + (1 / x) * (1 + h2 * (0.15443144 + h2 * (-0.67278579
                    + h2 * (-0.18156897 + h2 * (-0.01919402 + h2 * (-0.00110404 + h2 * -0.00004686))))));
        }
        double u = 2 / x;
        return Math.exp(-x) / Math.sqrt(x) * (1.25331414 + u * (0.23498619 + u * (-0.03655620
                + u * (0.01504268 + u * (-0.00780353 + u * (0.00325614 + u * -0.00068245))))));
    }

    private static void requirePositive(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("modified Bessel K needs x > 0, got " + x);
        }
    }
}
