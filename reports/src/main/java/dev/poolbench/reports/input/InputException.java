package dev.poolbench.reports.input;

/**
 * An input the reports cannot use: a missing file, a file that is not what it should be, a format
 * version this build does not read. The message is one line naming the file and what is accepted;
 * the command line prints it as it is and exits with 2.
 */
public final class InputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
