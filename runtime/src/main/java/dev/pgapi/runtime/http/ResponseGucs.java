package dev.pgapi.runtime.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgapi.runtime.db.QueryResult;
import dev.pgapi.runtime.error.ApiError;
import dev.pgapi.runtime.error.ApiErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code response.status} and {@code response.headers} set by SQL during the request, validated as PostgREST does. */
record ResponseGucs(Integer status, List<Map.Entry<String, String>> headers) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static ResponseGucs of(QueryResult result) {
        return new ResponseGucs(status(result.responseStatus()), headers(result.responseHeaders()));
    }

    private static Integer status(String raw) {
        if (raw == null) {
            return null;
        }
        int end = 0;
        while (end < raw.length() && Character.isDigit(raw.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 3) {
            throw ApiErrors.gucStatus();
        }
        int status = Integer.parseInt(raw.substring(0, end));
        if (status < 100) {
            throw ApiErrors.gucStatus();
        }
        return status;
    }

    private static List<Map.Entry<String, String>> headers(String raw) {
        if (raw == null) {
            return List.of();
        }
        var headers = new ArrayList<Map.Entry<String, String>>();
        try {
            JsonNode array = MAPPER.readTree(raw);
            if (array == null || !array.isArray()) {
                throw invalidHeaders();
            }
            for (JsonNode item : array) {
                if (!item.isObject() || item.size() != 1) {
                    throw invalidHeaders();
                }
                var field = item.properties().iterator().next();
                if (!field.getValue().isTextual()) {
                    throw invalidHeaders();
                }
                headers.add(Map.entry(field.getKey(), field.getValue().asText()));
            }
        } catch (java.io.IOException e) {
            throw invalidHeaders();
        }
        return headers;
    }

    private static ApiError invalidHeaders() {
        return ApiErrors.gucHeaders();
    }
}
