package com.fleetdesk.routing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Road distances and times from an OSRM server's table service
 * ({@code GET /table/v1/driving/lon,lat;lon,lat?annotations=distance,duration}).
 */
class OsrmNetwork implements RoadNetwork {

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    OsrmNetwork(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public String describe() {
        return "OSRM at " + baseUrl;
    }

    @Override
    public Matrix table(List<GeoPoint> points) {
        String coordinates = points.stream()
                .map(p -> String.format(Locale.ROOT, "%.6f,%.6f", p.lon(), p.lat()))
                .collect(Collectors.joining(";"));
        URI uri = URI.create(baseUrl + "/table/v1/driving/" + coordinates + "?annotations=distance,duration");
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RoadNetworkUnavailable("The road network service at " + baseUrl + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoadNetworkUnavailable("Interrupted while asking the road network service at " + baseUrl, e);
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new RoadNetworkUnavailable("The road network service at " + baseUrl + " answered HTTP " + response.statusCode()
                    + " with something other than JSON", e);
        }
        String code = body.path("code").asString("");
        if (response.statusCode() != 200 || !"Ok".equals(code)) {
            throw new RoadNetworkUnavailable("The road network service at " + baseUrl + " refused the request (HTTP "
                    + response.statusCode() + ", " + code + ": " + body.path("message").asString("no message") + ")", null);
        }
        int n = points.size();
        long[][] metres = read(body.path("distances"), n, "distances");
        long[][] seconds = read(body.path("durations"), n, "durations");
        return new Matrix(metres, seconds);
    }

    private long[][] read(JsonNode rows, int n, String name) {
        if (!rows.isArray() || rows.size() != n) {
            throw new RoadNetworkUnavailable("The road network service at " + baseUrl + " sent no " + n + "×" + n + " " + name + " table", null);
        }
        long[][] result = new long[n][n];
        for (int i = 0; i < n; i++) {
            JsonNode row = rows.get(i);
            if (!row.isArray() || row.size() != n) {
                throw new RoadNetworkUnavailable("The road network service at " + baseUrl + " sent a short " + name + " row", null);
            }
            for (int j = 0; j < n; j++) {
                JsonNode cell = row.get(j);
                if (cell.isNull()) {
                    throw new RoadNetworkUnavailable("The road network service finds no road between points " + (i + 1) + " and " + (j + 1), null);
                }
                result[i][j] = Math.round(cell.asDouble());
            }
        }
        return result;
    }
}
