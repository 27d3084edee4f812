package com.fleetdesk.support;

import com.fleetdesk.base.demo.DemoDataContributor;
import com.fleetdesk.base.demo.DemoDataSettings;
import com.fleetdesk.fleet.FleetDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Three months of support history before the demo's reference date, so the console, the
 * customer context and the support KPIs have something to show: conversations the assistant
 * solved, ones handed to an agent (with reason, handle time, some transfers and reopenings)
 * and ratings, from the demo users of every role.
 */
@Component
class SupportDemoData implements DemoDataContributor {

    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 22);
    private static final List<String> CUSTOMERS = List.of("driver", "office", "manager", "dispatcher", "technician", "warehouse");

    /** A demo exchange: what the customer asked, the intent, the assistant's confidence and answer. */
    private record Exchange(String question, String intent, double confidence, String answer) {
    }

    private static final List<Exchange> EXCHANGES = List.of(
            new Exchange("How do I upload a receipt for parking?", "article:expenses-receipts", 0.78,
                    "In the expense dialog, upload the receipt: a photo (JPEG or PNG) or a PDF.\n\nFrom the help article “Adding expenses and receipts”."),
            new Exchange("My trip was rejected, what now?", "article:trip-approvals", 0.81,
                    "Open the trip, read the comment in the approval history, correct it and submit it again.\n\nFrom the help article “Submitting trips and approvals”."),
            new Exchange("Why does my van show as offline on the map?", "article:live-map", 0.72,
                    "If it shows as offline, the tracker has not reported for 15 minutes: check that the tracker has power and signal.\n\nFrom the help article “The live fleet map”."),
            new Exchange("I forgot my password", "article:account-and-password", 0.86,
                    "Fleetdesk has no self-service password reset. Ask your administrator.\n\nFrom the help article “Signing in, passwords and your account”."),
            new Exchange("How do I transfer filters to another depot?", "article:transfers-and-counts", 0.69,
                    "Create a transfer: choose the part, the quantity, where from and where to.\n\nFrom the help article “Transfers between locations and stock counts”."),
            new Exchange("Can I get the fuel card PIN reset?", "unknown", 0.31,
                    "I don't know the answer to that. I can pass your question to a person from the support team."),
            new Exchange("How do I turn on dark mode?", "article:theme-and-accessibility", 0.88,
                    "Use the sun/moon button at the top right to switch between the light and the dark colour scheme.\n\nFrom the help article “Dark mode, display and accessibility”."));

    private final JdbcClient jdbc;
    private final FleetDirectory directory;

    SupportDemoData(JdbcClient jdbc, FleetDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    @Override
    public int order() {
        return 700;
    }

    @Override
    public boolean alreadyLoaded() {
        return jdbc.sql("select exists (select 1 from support_conversation)").query(Boolean.class).single();
    }

    @Override
    public void load(DemoDataSettings settings, RandomGenerator random) {
        int count = settings.size("support-conversations", 120);
        Instant end = REFERENCE_DATE.atStartOfDay(ZoneId.of("Europe/London")).toInstant();
        for (int i = 0; i < count; i++) {
            String customer = CUSTOMERS.get(random.nextInt(CUSTOMERS.size()));
            Long depot = directory.accountProfile(customer).flatMap(p -> p.depotIds().stream().findFirst()).orElse(null);
            Instant start = end.minus(Duration.ofMinutes(random.nextLong(90L * 24 * 60)));
            Exchange ex = EXCHANGES.get(random.nextInt(EXCHANGES.size()));
            boolean escalated = "unknown".equals(ex.intent()) || random.nextDouble() < 0.3;
            String reason = !escalated ? null : "unknown".equals(ex.intent()) ? "LOW_CONFIDENCE"
                    : List.of("REQUESTED", "REQUESTED", "FRUSTRATION", "TICKET").get(random.nextInt(4));
            Instant escalatedAt = escalated ? start.plusSeconds(40) : null;
            Instant takenAt = escalated ? escalatedAt.plusSeconds(30 + random.nextInt(900)) : null;
            Instant resolvedAt = escalated ? takenAt.plusSeconds(120 + random.nextInt(1800)) : start.plusSeconds(60);
            int transfers = escalated && random.nextDouble() < 0.15 ? 1 : 0;
            boolean reopened = escalated && random.nextDouble() < 0.08;
            Integer csat = random.nextDouble() < 0.7 ? (escalated ? 2 + random.nextInt(4) : 3 + random.nextInt(3)) : null;
            Long id = jdbc.sql("""
                            insert into support_conversation (customer_username, customer_depot_id, subject, status, agent_username,
                                   escalation_reason, escalation_note, escalated_at, taken_at, resolved_at, closed_at, resolution_note,
                                   resolved_by_bot, transfers, reopened, csat, customer_read_at, agent_read_at, last_message_at,
                                   created_at, created_by, updated_at, updated_by)
                            values (?, ?, ?, 'CLOSED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                            """)
                    .params(customer, depot, ex.question(), escalated ? "agent" : null, reason, escalated ? ex.question() : null,
                            ts(escalatedAt), ts(takenAt), ts(resolvedAt), ts(resolvedAt.plusSeconds(30)),
                            escalated ? "Helped by the support team." : "Answered by the assistant", !escalated, transfers, reopened, csat,
                            ts(resolvedAt), ts(resolvedAt), ts(resolvedAt), ts(start), customer, ts(resolvedAt), customer)
                    .query(Long.class).single();
            message(id, "CUSTOMER", customer, ex.question(), ex.intent(), ex.confidence(), start);
            message(id, "BOT", null, ex.answer(), ex.intent(), ex.confidence(), start.plusSeconds(1));
            if (escalated) {
                message(id, "SYSTEM", null, "Passed to the support team.", null, null, escalatedAt);
                message(id, "AGENT", "agent", "Hello, this is the Fleetdesk support team. I'm looking at your question now.", null, null, takenAt);
            }
        }
    }

    private void message(long conversationId, String sender, String author, String text, String intent, Double confidence, Instant at) {
        jdbc.sql("insert into support_message (conversation_id, sender, author, text, intent, confidence, sent_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(conversationId, sender, author, text, "CUSTOMER".equals(sender) || "BOT".equals(sender) ? intent : null,
                        "CUSTOMER".equals(sender) || "BOT".equals(sender) ? confidence : null, ts(at)).update();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
