package dev.poolbench.results;

/**
 * One kind of result file: its format id (the {@code format} field the file carries, with its version),
 * the file's usual name (null where the name varies), and the record the file binds to.
 */
public record ResultFormat<T>(String id, String fileName, Class<T> type) {

    /** {@code poolbench-load-result} of {@code poolbench-load-result/1}: what kind of file, whatever its version. */
    public String kind() {
        return id.substring(0, id.indexOf('/'));
    }
}
