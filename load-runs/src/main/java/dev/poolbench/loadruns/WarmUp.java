package dev.poolbench.loadruns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One todo's whole life (create, get, list, update, delete) sent to a freshly started service before a
 * measured run, one request at a time, so the run does not pay for the first connection (several network
 * round trips through the proxy) and the first use of every code path. Measured runs that compare
 * throughput (the claims run, its calibration probes) are warmed this way; the summary's
 * {@code load.warmUpRequests} says so. The todo it creates is deleted again.
 */
final class WarmUp {

    static final int REQUESTS = 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private WarmUp() {
    }

    static void lifeCycle(String serviceUrl) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode created = JSON.readTree(send(client, serviceUrl, "POST", "/api/todo",
                "{\"title\":\"warm-up\",\"priority\":3}", 201));
        String todo = "/api/todo/" + created.path("id").asLong();
        send(client, serviceUrl, "GET", todo, null, 200);
        send(client, serviceUrl, "GET", "/api/todo?completed=false&priority=3&limit=20", null, 200);
        send(client, serviceUrl, "PUT", todo, "{\"completed\":true}", 200);
        send(client, serviceUrl, "DELETE", todo, null, 204);
    }

    private static String send(HttpClient client, String base, String method, String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IOException("warm-up: " + method + " " + path + " answered " + response.statusCode() + ", not "
                    + expected + ": " + response.body());
        }
        return response.body();
    }
}
