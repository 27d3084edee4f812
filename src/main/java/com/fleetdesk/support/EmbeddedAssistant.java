package com.fleetdesk.support;

import com.fleetdesk.base.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The assistant without a language model: the intent is the one whose example utterances (or,
 * for articles, whose passages) are most similar to the question in embedding space; an article
 * intent answers with its best passage, a tool intent with the tool's result in a sentence, and
 * below {@code fleetdesk.assistant.min-confidence} it says it does not know and offers a person.
 */
@Component
class EmbeddedAssistant {

    /** Passages are statements, examples are questions: a passage matching as well as an example counts a little more. */
    static final double PASSAGE_WEIGHT = 1.0;
    static final double ENTITY_BONUS = 0.12;
    /** "How do I …" asks for a procedure, not for live data: tools count a little less unless a plate, trip or part is named. */
    static final double HOW_TO_PENALTY = 0.08;
    private static final Pattern HOW_TO = Pattern.compile(
            "^\\s*(how|where)\\s+(do|can|should|would|could|are)\\s+(i|we|you)\\b|^\\s*(can|could)\\s+(i|we)\\b|^\\s*is it possible|^\\s*what('s| is) the (way|procedure)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern HUMAN = Pattern.compile(
            "\\b(talk|speak|chat|connect|put me through|transfer|get|want|need|reach|contact)\\b.{0,40}\\b(human|person|people|agent|someone|somebody|operator|real person|support team|support staff|representative|colleague from support|man|woman)\\b"
                    + "|^\\s*(human|agent|operator|person|representative)( please)?[.!]*\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TICKET = Pattern.compile("\\b(open|raise|create|log|file|submit|start)\\b.{0,25}\\b(ticket|case|support request)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern MY_TICKETS = Pattern.compile("\\b(my|open|existing)\\b.{0,20}\\b(tickets|cases|support requests)\\b"
            + "|\\bmy\\s+(support\\s+)?(ticket|case|support request|request to support)\\b", Pattern.CASE_INSENSITIVE);

    record Classification(String intent, double confidence, List<KnowledgeBase.ScoredPassage> passages,
                          List<Map.Entry<String, Double>> ranking) {
    }

    private final KnowledgeBase knowledge;
    private final IntentCatalog catalog;
    private final TextEmbedder embedder;
    private final double minConfidence;
    private final double lexicalWeight;

    EmbeddedAssistant(KnowledgeBase knowledge, IntentCatalog catalog, TextEmbedder embedder,
                      @Value("${fleetdesk.assistant.min-confidence:0.45}") double minConfidence,
                      @Value("${fleetdesk.assistant.lexical-weight:0.25}") double lexicalWeight) {
        this.knowledge = knowledge;
        this.catalog = catalog;
        this.embedder = embedder;
        this.minConfidence = minConfidence;
        this.lexicalWeight = lexicalWeight;
    }

    Classification classify(String question, Set<Role> roles) {
        String text = question.strip();
        float[] q = embedder.embed(text);
        List<KnowledgeBase.ScoredPassage> passages = knowledge.search(q, roles, 1000);
        Map<String, Double> scores = new HashMap<>();
        Map<String, Boolean> readable = new HashMap<>();
        for (KnowledgeBase.ScoredPassage p : passages) {
            scores.merge(Intents.article(p.passage().slug()), p.score() * PASSAGE_WEIGHT, Math::max);
            readable.put(p.passage().slug(), true);
        }
        catalog.scores(q).forEach((intent, score) -> {
            if (intent.startsWith(Intents.ARTICLE_PREFIX) && !readable.containsKey(intent.substring(Intents.ARTICLE_PREFIX.length()))) {
                return; // an article this user is not meant to read (or one deleted since)
            }
            scores.merge(intent, score, Math::max);
        });
        Map<String, Double> lexical = knowledge.lexicalScores(text);
        for (String slug : readable.keySet()) {
            scores.computeIfPresent(Intents.article(slug), (k, v) -> v + lexicalWeight * lexical.getOrDefault(slug, 0.0));
        }
        boolean plate = AssistantTools.PLATE.matcher(text).find();
        boolean trip = AssistantTools.TRIP_NUMBER.matcher(text).find();
        boolean part = AssistantTools.PART_NUMBER.matcher(text).find();
        if (plate) {
            scores.computeIfPresent(Intents.VEHICLE_STATUS, (k, v) -> v + ENTITY_BONUS);
        }
        if (trip) {
            scores.computeIfPresent(Intents.TRIP_STATUS, (k, v) -> v + ENTITY_BONUS);
        }
        if (part) {
            scores.computeIfPresent(Intents.STOCK_LEVEL, (k, v) -> v + ENTITY_BONUS);
        }
        if (!plate && !trip && !part && HOW_TO.matcher(text).find()) {
            for (String tool : List.of(Intents.VEHICLE_STATUS, Intents.TRIP_STATUS, Intents.STOCK_LEVEL)) {
                scores.computeIfPresent(tool, (k, v) -> v - HOW_TO_PENALTY);
            }
        }
        List<Map.Entry<String, Double>> ranking = scores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(5).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        if (HUMAN.matcher(text).find()) {
            return new Classification(Intents.HUMAN, 0.95, passages, ranking);
        }
        if (TICKET.matcher(text).find()) {
            return new Classification(Intents.OPEN_TICKET, 0.95, passages, ranking);
        }
        if (MY_TICKETS.matcher(text).find()) {
            return new Classification(Intents.MY_TICKETS, 0.95, passages, ranking);
        }
        Map.Entry<String, Double> best = ranking.isEmpty() ? Map.entry(Intents.UNKNOWN, 0.0) : ranking.getFirst();
        double confidence = Math.max(0, Math.min(1, best.getValue()));
        return confidence < minConfidence ? new Classification(Intents.UNKNOWN, confidence, passages, ranking)
                : new Classification(best.getKey(), confidence, passages, ranking);
    }

    AssistantAnswer answer(String question, Set<Role> roles, AssistantTools tools) {
        Classification c = classify(question, roles);
        return answer(question, c, tools);
    }

    AssistantAnswer answer(String question, Classification c, AssistantTools tools) {
        String intent = c.intent();
        return switch (intent) {
            case Intents.VEHICLE_STATUS -> tool(c, tools.vehicleStatus(AssistantTools.plate(question).orElse(null)), tools);
            case Intents.TRIP_STATUS -> tool(c, tools.tripStatus(AssistantTools.tripNumber(question).orElse(null)), tools);
            case Intents.STOCK_LEVEL -> tool(c, tools.stockLevelFromQuestion(question), tools);
            case Intents.MY_TICKETS -> tool(c, tools.myTickets(), tools);
            case Intents.OPEN_TICKET -> {
                tools.openTicket(question);
                yield new AssistantAnswer("I have opened a ticket with your question; a person from the support team will reply here.",
                        intent, c.confidence(), List.of(), tools.used(), AssistantAnswer.Handover.TICKET, question);
            }
            case Intents.HUMAN -> new AssistantAnswer("I'm passing you to a person from the support team; they will reply here.",
                    intent, c.confidence(), List.of(), List.of(), AssistantAnswer.Handover.ESCALATE, null);
            case Intents.GREETING -> new AssistantAnswer("Hello! Ask me about trips, expenses, the live map, stock, work orders or your account, "
                    + "or about a vehicle, a trip or a part by its registration or number.", intent, c.confidence(), List.of(), List.of(),
                    AssistantAnswer.Handover.NONE, null);
            case Intents.THANKS -> new AssistantAnswer("You're welcome. If that solved it, press “This solved it”; otherwise just ask again.",
                    intent, c.confidence(), List.of(), List.of(), AssistantAnswer.Handover.NONE, null);
            case Intents.UNKNOWN -> unknown(c);
            default -> article(c);
        };
    }

    static AssistantAnswer unknown(Classification c) {
        return new AssistantAnswer("I don't know the answer to that. I can pass your question to a person from the support team: "
                + "press “Talk to a person” or just say so.", Intents.UNKNOWN, c.confidence(), List.of(), List.of(),
                AssistantAnswer.Handover.OFFER, null);
    }

    private static AssistantAnswer tool(Classification c, String result, AssistantTools tools) {
        return new AssistantAnswer(result, c.intent(), c.confidence(), List.of(), tools.used(), AssistantAnswer.Handover.NONE, null);
    }

    private static AssistantAnswer article(Classification c) {
        String slug = c.intent().substring(Intents.ARTICLE_PREFIX.length());
        KnowledgeBase.ScoredPassage best = c.passages().stream().filter(p -> p.passage().slug().equals(slug)
                        && !p.passage().text().startsWith(p.passage().title() + "\n") && !p.passage().text().equals(p.passage().title()))
                .findFirst().orElse(null);
        if (best == null) {
            return unknown(c);
        }
        String title = best.passage().title();
        String passage = readable(best.passage().text().substring(title.length() + 2));
        return new AssistantAnswer(passage + "\n\nFrom the help article “" + title + "”.", c.intent(), c.confidence(),
                List.of(new AssistantAnswer.Source(slug, title)), List.of(), AssistantAnswer.Handover.NONE, null);
    }

    /** Markdown emphasis and code marks removed, list items kept as lines. */
    static String readable(String markdown) {
        return markdown.replace("**", "").replace("`", "").replaceAll("(?m)^\\s*[-*] ", "• ").strip();
    }

    /** Intents an agent can pick when correcting one: the fixed ones and every article. */
    List<String> knownIntents() {
        Map<String, Boolean> all = new LinkedHashMap<>();
        Intents.FIXED.forEach(i -> all.put(i, true));
        knowledge.slugs().forEach(s -> all.put(Intents.article(s), true));
        return List.copyOf(all.keySet());
    }

    static String describe(String intent) {
        return intent == null ? "" : intent.replace(Intents.ARTICLE_PREFIX, "Article: ").replace("tool:", "Tool: ")
                .replace('_', ' ').toLowerCase(Locale.ROOT).replace("article: ", "Article: ").replace("tool: ", "Tool: ");
    }
}
