package com.fleetdesk.support;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Example utterances per intent ({@code support/intents.txt}: {@code intent | utterance}),
 * embedded once; a question's score for an intent is its best cosine similarity to one of them.
 */
@Component
class IntentCatalog {

    record Example(String intent, String text, float[] vector) {
    }

    private final TextEmbedder embedder;
    private volatile List<Example> examples;

    IntentCatalog(TextEmbedder embedder) {
        this.embedder = embedder;
    }

    /** Embeds the examples in the background once the application is up, so the first question does not wait for them. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void warmUp() {
        Thread.ofPlatform().daemon().name("support-intents").start(this::examples);
    }

    /** Best similarity per intent. */
    Map<String, Double> scores(float[] query) {
        Map<String, Double> best = new HashMap<>();
        for (Example e : examples()) {
            double s = TextEmbedder.dot(query, e.vector());
            best.merge(e.intent(), s, Math::max);
        }
        return best;
    }

    List<Example> examples() {
        List<Example> loaded = examples;
        if (loaded == null) {
            synchronized (this) {
                if (examples == null) {
                    examples = load();
                }
                loaded = examples;
            }
        }
        return loaded;
    }

    private List<Example> load() {
        try {
            String text = new String(new ClassPathResource("support/intents.txt").getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<Example> out = new ArrayList<>();
            for (String line : text.split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                if (bar < 0) {
                    throw new IllegalStateException("support/intents.txt: missing '|' in: " + line);
                }
                String utterance = line.substring(bar + 1).strip();
                out.add(new Example(line.substring(0, bar).strip(), utterance, embedder.embed(utterance)));
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read support/intents.txt", e);
        }
    }
}
