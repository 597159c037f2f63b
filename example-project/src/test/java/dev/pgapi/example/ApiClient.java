package dev.pgapi.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests against a running example service, for the integration tests. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;
    private final String token;

    ApiClient(int port, String token) {
        this.port = port;
        this.token = token;
    }

    /** A client that sends the token of {@code email}'s login. */
    ApiClient as(String email, String password) throws Exception {
        var res = new ApiClient(port, null)
                .send("POST", "/rpc/login", "{\"email\":\"" + email + "\",\"pass\":\"" + password + "\"}");
        if (res.statusCode() != 200) {
            throw new IllegalStateException("login failed: " + res.body());
        }
        return new ApiClient(port, json(res).get("token").asText());
    }

    ApiClient anonymous() {
        return new ApiClient(port, null);
    }

    /** The same caller (token) talking to another service instance. */
    ApiClient at(int otherPort) {
        return new ApiClient(otherPort, token);
    }

    /**
     * Sends a request.
     *
     * @param body     null for none; sent as {@code application/json} unless a Content-Type header is given
     * @param headers  name, value, name, value, ...
     */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        boolean contentType = false;
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
            contentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !contentType) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return send("GET", path, null, headers);
    }

    static JsonNode json(HttpResponse<String> res) throws IOException {
        return JSON.readTree(res.body());
    }

    static String header(HttpResponse<String> res, String name) {
        return res.headers().firstValue(name).orElse(null);
    }
}
