package com.fleetdesk.support;

import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.fleet.FleetAccess;
import com.fleetdesk.fleet.UserAccount;
import com.fleetdesk.inventory.StockService;
import com.fleetdesk.telematics.FleetPositionService;
import com.fleetdesk.trips.TripLogService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.concurrent.DelegatingSecurityContextCallable;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Answers one question of the signed-in user: with the configured language model
 * ({@code fleetdesk.assistant.provider=openai|ollama}) or, by default and whenever the model
 * cannot be reached, with the embedded retrieval and tools. A model slower than
 * {@code fleetdesk.assistant.timeout} gets no longer: the user is told and offered a person.
 */
@Component
class SupportAssistant {

    private static final Logger log = LoggerFactory.getLogger(SupportAssistant.class);

    private final EmbeddedAssistant embedded;
    private final FleetPositionService positions;
    private final TripLogService trips;
    private final StockService stock;
    private final SupportTickets tickets;
    private final FleetAccess access;
    private final ZoneId zone;
    private final boolean maskPlates;
    private final LlmAssistant llm;
    /** The longest a user waits for the language model; then they get {@link #notInTime} instead. */
    private final Duration timeout;

    SupportAssistant(EmbeddedAssistant embedded, FleetPositionService positions, TripLogService trips, StockService stock,
                     SupportTickets tickets, FleetAccess access,
                     @Value("${fleetdesk.zone:Europe/London}") String zone,
                     @Value("${fleetdesk.assistant.provider:none}") String provider,
                     @Value("${fleetdesk.assistant.base-url:}") String baseUrl,
                     @Value("${fleetdesk.assistant.api-key:}") String apiKey,
                     @Value("${fleetdesk.assistant.model:}") String model,
                     @Value("${fleetdesk.assistant.timeout:30s}") Duration timeout,
                     @Value("${fleetdesk.assistant.mask-plates:false}") boolean maskPlates) {
        this.embedded = embedded;
        this.positions = positions;
        this.trips = trips;
        this.stock = stock;
        this.tickets = tickets;
        this.access = access;
        this.zone = ZoneId.of(zone);
        this.maskPlates = maskPlates;
        this.timeout = timeout;
        this.llm = switch (provider.strip().toLowerCase(Locale.ROOT)) {
            case "", "none" -> null;
            case "openai" -> LlmAssistant.openAi(require(baseUrl, "base-url"), apiKey.isBlank() ? "none" : apiKey,
                    model.isBlank() ? "gpt-4o-mini" : model, timeout);
            case "ollama" -> LlmAssistant.ollama(require(baseUrl, "base-url"), model.isBlank() ? "llama3.1" : model, timeout);
            default -> throw new IllegalStateException("fleetdesk.assistant.provider must be none, openai or ollama, not " + provider);
        };
        log.info("Support assistant: {}", llm == null ? "embedded retrieval and tools (no language model configured)"
                : provider + " model at " + baseUrl);
    }

    boolean usesLanguageModel() {
        return llm != null;
    }

    AssistantAnswer answer(String question) {
        return answerWith(llm, question, List.of());
    }

    AssistantAnswer answer(String question, List<String> history) {
        return answerWith(llm, question, history);
    }

    /** Answers with {@code model} (null = the embedded mode); tests pass a model pointed at their own server. */
    AssistantAnswer answerWith(LlmAssistant llm, String question) {
        return answerWith(llm, question, List.of());
    }

    AssistantAnswer answerWith(LlmAssistant llm, String question, List<String> history) {
        Set<Role> roles = CurrentUser.roles();
        EmbeddedAssistant.Classification c = embedded.classify(question, roles);
        if (llm == null || Intents.HUMAN.equals(c.intent())) {
            return embedded.answer(question, c, tools(null));
        }
        String fullName = access.currentAccount().map(UserAccount::getFullName).orElse(null);
        PiiMasker masker = new PiiMasker(maskPlates, fullName == null ? List.of() : List.of(fullName));
        String user = (fullName == null ? CurrentUser.requireUsername() : fullName) + ", "
                + roles.stream().map(Role::label).collect(Collectors.joining(", "));
        // The model's client retries and may call tools in several rounds, each with the HTTP timeout: one deadline
        // for the whole answer keeps the user's wait at the configured timeout. Tools check the user's rights,
        // so the worker carries the caller's security context.
        FutureTask<AssistantAnswer> call = new FutureTask<>(new DelegatingSecurityContextCallable<>(
                () -> llm.answer(question, history, user, c, tools(masker), masker)));
        Thread.ofVirtual().name("assistant-llm").start(call);
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            log.warn("The language model did not answer within {}; offering a person", timeout);
            return notInTime(c);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return notInTime(c);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof dev.langchain4j.exception.TimeoutException || cause instanceof java.net.http.HttpTimeoutException
                    || cause != null && cause.getCause() instanceof java.net.http.HttpTimeoutException) {
                log.warn("The language model timed out ({}); offering a person", cause.toString());
                return notInTime(c);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            log.warn("The language model did not answer ({}); answering from the knowledge base", String.valueOf(cause));
            return embedded.answer(question, c, tools(null));
        }
    }

    /** The model was too slow: say so and offer the hand-over (counts as not answered, so a second one escalates). */
    static AssistantAnswer notInTime(EmbeddedAssistant.Classification c) {
        return new AssistantAnswer("Sorry, the assistant could not answer in time. I can pass your question to a person from the support "
                + "team: press “Talk to a person” or just say so.", Intents.UNKNOWN, c.confidence(), List.of(), List.of(),
                AssistantAnswer.Handover.OFFER, null);
    }

    AssistantTools tools(PiiMasker masker) {
        return new AssistantTools(positions, trips, stock, tickets, zone, masker);
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("Set fleetdesk.assistant." + name + " for the configured language model");
        }
        return value.strip();
    }
}
