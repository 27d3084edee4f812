package com.fleetdesk.support;

import com.fleetdesk.ExtraNode;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Assistant evaluation in the embedded mode (no language model): every question of a question
 * set is answered as its asking demo user, and the benchmark prints top-1 intent accuracy,
 * escalation precision and recall, and answer latency. Run it with {@code src/bin/bench assistant}.
 * <p>
 * The question set is {@code support/assistant-questions.tsv} on the test classpath, or the file
 * given by {@code -Dbench.questions=path}: lines of {@code expected intent <TAB> username <TAB>
 * question}, where the expected intent is {@code article:<slug>}, {@code tool:<name>},
 * {@code escalate} (hand over to a person), {@code unknown} (say so and offer a person) or
 * {@code smalltalk:*}. System properties: {@code bench.runs} (timed passes, default 3).
 */
public final class SupportAssistantBenchmark {

    private static final double ACCURACY_TARGET = 0.85;
    private static final double P95_TARGET_MS = 300;
    private static final Set<String> HANDOVER = Set.of(Intents.HUMAN, Intents.UNKNOWN);

    record Question(String expected, String user, String text) {
    }

    public static void main(String[] args) throws Exception {
        List<Question> questions = questions(System.getProperty("bench.questions"));
        int runs = Integer.getInteger("bench.runs", 3);
        System.out.printf("Support assistant benchmark (embedded mode): %d questions, %d timed passes, %d cores%n",
                questions.size(), runs, Runtime.getRuntime().availableProcessors());
        int exit = 0;
        try (ConfigurableApplicationContext context = ExtraNode.start(System.getProperty("bench.dataDir", ""),
                "--fleetdesk.demo.enabled=true", "--fleetdesk.assistant.provider=none")) {
            SupportAssistant assistant = context.getBean(SupportAssistant.class);
            UserDetailsService users = context.getBean(UserDetailsService.class);
            EmbeddedAssistant embedded = context.getBean(EmbeddedAssistant.class);
            TextEmbedder embedder = context.getBean(TextEmbedder.class);
            java.util.Map<String, UserDetails> accounts = new java.util.HashMap<>();
            questions.forEach(q -> accounts.computeIfAbsent(q.user(), users::loadUserByUsername));
            // Warm-up pass: loads the ONNX model and the JIT; its answers are the ones scored.
            List<String> predicted = new ArrayList<>();
            for (Question q : questions) {
                predicted.add(predict(assistant, accounts.get(q.user()), q));
            }
            if (Boolean.getBoolean("bench.sweep")) {
                sweep(context, questions, accounts);
            }
            List<Double> latencies = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                for (Question q : questions) {
                    long start = System.nanoTime();
                    predict(assistant, accounts.get(q.user()), q);
                    latencies.add((System.nanoTime() - start) / 1e6);
                }
            }
            int correct = 0;
            int handedOver = 0;
            int rightHandover = 0;
            int expectedHandover = 0;
            System.out.println("\nMisses (expected → predicted):");
            for (int i = 0; i < questions.size(); i++) {
                Question q = questions.get(i);
                String p = predicted.get(i);
                if (p.equals(q.expected())) {
                    correct++;
                } else {
                    System.out.printf("  %-32s → %-32s  [%s] %s%n", q.expected(), p, q.user(), q.text());
                    signIn(accounts.get(q.user()));
                    System.out.println("      " + embedded.classify(q.text(), com.fleetdesk.base.security.CurrentUser.roles()).ranking());
                    SecurityContextHolder.clearContext();
                }
                boolean isHandover = HANDOVER.contains(p);
                boolean shouldHandover = HANDOVER.contains(q.expected());
                handedOver += isHandover ? 1 : 0;
                expectedHandover += shouldHandover ? 1 : 0;
                rightHandover += isHandover && shouldHandover ? 1 : 0;
            }
            double accuracy = (double) correct / questions.size();
            double precision = handedOver == 0 ? 1 : (double) rightHandover / handedOver;
            double recall = expectedHandover == 0 ? 1 : (double) rightHandover / expectedHandover;
            long embedStart = System.nanoTime();
            for (Question q : questions) {
                embedder.embed(q.text());
            }
            System.out.printf("%nEmbedding alone: %.1f ms per question%n", (System.nanoTime() - embedStart) / 1e6 / questions.size());
            double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double p50 = sorted[(int) Math.floor(0.50 * (sorted.length - 1))];
            double p95 = sorted[(int) Math.ceil(0.95 * (sorted.length - 1))];
            System.out.printf("%nTop-1 accuracy        %5.1f %%  (%d of %d; target ≥ %.0f %%)%s%n", accuracy * 100, correct, questions.size(),
                    ACCURACY_TARGET * 100, accuracy >= ACCURACY_TARGET ? "" : "  MISSED");
            System.out.printf("Escalation precision  %5.1f %%  (%d of %d hand-overs were right; recall %.1f %% of %d)%n", precision * 100,
                    rightHandover, handedOver, recall * 100, expectedHandover);
            System.out.printf("Answer latency        p50 %.1f ms, p95 %.1f ms, max %.1f ms (target p95 < %.0f ms)%s%n", p50, p95,
                    sorted[sorted.length - 1], P95_TARGET_MS, p95 < P95_TARGET_MS ? "" : "  MISSED");
        } catch (Exception | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** The intent the assistant acted on, as the chat would: frustration hands over whatever the intent. */
    private static String predict(SupportAssistant assistant, UserDetails user, Question q) {
        signIn(user);
        try {
            if (Sentiment.score(q.text()) <= Sentiment.FRUSTRATED) {
                return Intents.HUMAN;
            }
            return assistant.answer(q.text()).intent();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Top-1 accuracy of the classification alone for other lexical weights and thresholds (for tuning; -Dbench.sweep=true). */
    private static void sweep(ConfigurableApplicationContext context, List<Question> questions, java.util.Map<String, UserDetails> accounts) {
        System.out.println("\nSweep: top-1 by lexical weight (rows) and minimum confidence (columns)");
        double[] thresholds = {0.35, 0.40, 0.45, 0.50};
        for (double weight : new double[]{0, 0.1, 0.15, 0.25, 0.35}) {
            StringBuilder row = new StringBuilder(String.format("  weight %.2f:", weight));
            for (double threshold : thresholds) {
                EmbeddedAssistant candidate = new EmbeddedAssistant(context.getBean(KnowledgeBase.class), context.getBean(IntentCatalog.class),
                        context.getBean(TextEmbedder.class), threshold, weight);
                int correct = 0;
                for (Question q : questions) {
                    signIn(accounts.get(q.user()));
                    String p = Sentiment.score(q.text()) <= Sentiment.FRUSTRATED ? Intents.HUMAN
                            : candidate.classify(q.text(), com.fleetdesk.base.security.CurrentUser.roles()).intent();
                    correct += p.equals(q.expected()) ? 1 : 0;
                }
                row.append(String.format("  %.2f→%5.1f %%", threshold, 100.0 * correct / questions.size()));
            }
            System.out.println(row);
        }
        SecurityContextHolder.clearContext();
    }

    private static void signIn(UserDetails user) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
    }

    static List<Question> questions(String path) throws IOException {
        String text = path == null ? new String(new ClassPathResource("support/assistant-questions.tsv").getInputStream().readAllBytes(),
                StandardCharsets.UTF_8) : Files.readString(Path.of(path));
        List<Question> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length != 3) {
                throw new IllegalArgumentException("Expected 'intent<TAB>user<TAB>question': " + Arrays.toString(parts));
            }
            out.add(new Question(parts[0].strip(), parts[1].strip(), parts[2].strip()));
        }
        return out;
    }
}
