package io.github.atomfinder.structure;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Chemical element symbols for atomic numbers 1 (H) to 103 (Lr), the range the potential tables cover. */
public final class Elements {

    public static final int MAX_ATOMIC_NUMBER = 103;

    private static final String[] SYMBOLS = {
            "H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne",
            "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
            "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn",
            "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr",
            "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn",
            "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
            "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb",
            "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
            "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th",
            "Pa", "U", "Np", "Pu", "Am", "Cm", "Bk", "Cf", "Es", "Fm",
            "Md", "No", "Lr",
    };

    private static final Map<String, Integer> BY_SYMBOL = new HashMap<>();

    static {
        for (int i = 0; i < SYMBOLS.length; i++) {
            BY_SYMBOL.put(SYMBOLS[i].toLowerCase(Locale.ROOT), i + 1);
        }
    }

    private Elements() {
    }

    public static boolean isKnown(int atomicNumber) {
        return atomicNumber >= 1 && atomicNumber <= MAX_ATOMIC_NUMBER;
    }

    public static String symbol(int atomicNumber) {
        if (!isKnown(atomicNumber)) {
            throw new IllegalArgumentException("no element with atomic number " + atomicNumber);
        }
        return SYMBOLS[atomicNumber - 1];
    }

    /** The atomic number of a symbol (case-insensitive), or -1 if unknown. */
    public static int atomicNumber(String symbol) {
        Integer z = BY_SYMBOL.get(symbol.trim().toLowerCase(Locale.ROOT));
        return z == null ? -1 : z;
    }
}
