package io.github.atomfinder.errors;

/**
 * A problem the user can fix (bad file, bad parameter): its message is shown as is, without a stack trace,
 * and the command exits non-zero. The message names the file or parameter and says what is wrong.
 */
public class AtomfinderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AtomfinderException(String message) {
        super(message);
    }

    public AtomfinderException(String message, Throwable cause) {
        super(message, cause);
    }
}
