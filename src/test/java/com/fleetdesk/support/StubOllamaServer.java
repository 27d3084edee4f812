package com.fleetdesk.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny Ollama server on 127.0.0.1 for tests, speaking its own chat protocol ({@code POST /api/chat},
 * not streamed): tool calls carry their arguments as a JSON object, and the reply's message sits
 * beside Ollama's timing fields. It records every request body and answers with what {@code script}
 * returns for it.
 */
final class StubOllamaServer implements AutoCloseable {

    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    StubOllamaServer(Function<String, StubOpenAiServer.Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/chat", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(body);
            String message = switch (script.apply(body)) {
                case StubOpenAiServer.ToolCall call -> "{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\""
                        + call.name() + "\",\"arguments\":" + call.argumentsJson() + "}}]}";
                case StubOpenAiServer.Text text -> "{\"role\":\"assistant\",\"content\":" + StubOpenAiServer.quote(text.content()) + "}";
            };
            StubOpenAiServer.answer(exchange, "{\"model\":\"stub-model\",\"created_at\":\"2026-12-07T12:00:00Z\",\"message\":" + message
                    + ",\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1000,\"load_duration\":10,\"prompt_eval_count\":10,"
                    + "\"prompt_eval_duration\":100,\"eval_count\":10,\"eval_duration\":100}");
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
