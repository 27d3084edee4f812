package com.fleetdesk.support;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * BM25 over whole articles (title, tags and text of their passages), lightly stemmed. The
 * embedding catches paraphrases; this catches the rare exact word ("geofence", "PDF", "cycle
 * count") that a short question hinges on. Scores are squashed to [0, 1) as s / (s + 5).
 */
final class ArticleLexicon {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final Set<String> STOP = Set.of("the", "a", "an", "i", "my", "me", "to", "do", "how", "what", "whats", "is", "are", "can",
            "in", "on", "for", "of", "and", "or", "it", "this", "that", "we", "our", "you", "your", "with", "at", "from", "be", "have", "has",
            "get", "why", "where", "when", "which", "who", "does", "did", "there", "any", "some", "so", "not", "up", "out", "into", "about",
            "as", "by", "if", "will", "would", "should", "was", "were", "just", "still", "only", "all", "one", "its", "im", "dont", "cant",
            "need", "want", "please", "way", "them", "they", "their", "then", "than", "too", "use", "using", "set", "see", "make", "also",
            "fleetdesk", "system", "app", "screen", "here", "now", "new", "more", "many", "much", "no", "yes", "but", "been", "being", "am");

    private final Map<String, Map<String, Integer>> termFrequencies = new HashMap<>();
    private final Map<String, Integer> lengths = new HashMap<>();
    private final Map<String, Integer> documentFrequencies = new HashMap<>();
    private final double averageLength;

    ArticleLexicon(List<KnowledgeBase.Passage> passages) {
        for (KnowledgeBase.Passage p : passages) {
            Map<String, Integer> tf = termFrequencies.computeIfAbsent(p.slug(), s -> new HashMap<>());
            for (String term : terms(p.text())) {
                tf.merge(term, 1, Integer::sum);
                lengths.merge(p.slug(), 1, Integer::sum);
            }
        }
        termFrequencies.values().forEach(tf -> tf.keySet().forEach(t -> documentFrequencies.merge(t, 1, Integer::sum)));
        averageLength = lengths.values().stream().mapToInt(Integer::intValue).average().orElse(1);
    }

    /** Squashed BM25 score of every article sharing a term with {@code query}. */
    Map<String, Double> scores(String query) {
        Map<String, Double> out = new HashMap<>();
        int n = termFrequencies.size();
        for (String term : Set.copyOf(terms(query))) {
            Integer df = documentFrequencies.get(term);
            if (df == null) {
                continue;
            }
            double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
            termFrequencies.forEach((slug, tf) -> {
                Integer f = tf.get(term);
                if (f != null) {
                    double norm = f * (K1 + 1) / (f + K1 * (1 - B + B * lengths.get(slug) / averageLength));
                    out.merge(slug, idf * norm, Double::sum);
                }
            });
        }
        out.replaceAll((slug, s) -> s / (s + 5));
        return out;
    }

    static List<String> terms(String text) {
        return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).replace("'", "").split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 1 && !STOP.contains(w)).map(ArticleLexicon::stem).toList();
    }

    /** Enough stemming for "receipts"/"receipt", "approved"/"approve", "tracking"/"track". */
    static String stem(String w) {
        if (w.length() > 5 && w.endsWith("ing")) {
            return w.substring(0, w.length() - 3);
        }
        if (w.length() > 4 && w.endsWith("ed")) {
            return w.substring(0, w.length() - (w.endsWith("eed") ? 1 : 2)).replaceAll("e$", "");
        }
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            w = w.substring(0, w.length() - 1);
        }
        return w.length() > 4 && w.endsWith("e") ? w.substring(0, w.length() - 1) : w;
    }
}
