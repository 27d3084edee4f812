package com.fleetdesk.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny OpenAI-compatible chat-completions server on 127.0.0.1 for tests: it records every
 * request body and answers with what {@code script} returns for it, either a tool call or text.
 */
final class StubOpenAiServer implements AutoCloseable {

    /** What the stub answers to one request. */
    sealed interface Reply permits ToolCall, Text {
    }

    record ToolCall(String name, String argumentsJson) implements Reply {
    }

    record Text(String content) implements Reply {
    }

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    StubOpenAiServer(Function<String, Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            String json = switch (script.apply(body)) {
                case ToolCall call -> completion("null", ",\"tool_calls\":[{\"id\":\"call_" + requests.size()
                        + "\",\"type\":\"function\",\"function\":{\"name\":\"" + call.name() + "\",\"arguments\":" + quote(call.argumentsJson())
                        + "}}]", "tool_calls");
                case Text text -> completion(quote(text.content()), "", "stop");
            };
            answer(exchange, json);
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Sends {@code json} as the 200 answer to the exchange (also {@link StubOllamaServer}'s). */
    static void answer(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** True once the model has been sent a tool's result. */
    static boolean hasToolResult(String body) {
        return lastToolResult(body) != null;
    }

    /** The content of the last tool message in a request body, or null. */
    static String lastToolResult(String body) {
        try {
            String result = null;
            for (var message : JSON.readTree(body).path("messages")) {
                if ("tool".equals(message.path("role").asText())) {
                    result = message.path("content").asText();
                }
            }
            return result;
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String completion(String content, String extra, String finish) {
        return "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"stub\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":" + content + extra + "},\"finish_reason\":\"" + finish + "\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":10,\"total_tokens\":20}}";
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
