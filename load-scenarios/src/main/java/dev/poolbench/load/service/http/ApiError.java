package dev.poolbench.load.service.http;

/** A request the API refuses: the HTTP status and one sentence naming the problem, sent as JSON. */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError invalid(String message) {
        return new ApiError(422, message);
    }

    static ApiError notFound(long id) {
        return new ApiError(404, "todo " + id + " not found");
    }
}
