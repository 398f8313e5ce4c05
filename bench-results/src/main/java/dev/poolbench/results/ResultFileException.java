package dev.poolbench.results;

/** A file that is not the result file it should be: another kind, another version, or a field of the wrong shape. */
public final class ResultFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ResultFileException(String message) {
        super(message);
    }
}
