package com.fleetdesk.support.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.support.AgentPresence;
import com.fleetdesk.support.AgentPresenceChanged;
import com.fleetdesk.support.CannedResponse;
import com.fleetdesk.support.ConversationStatus;
import com.fleetdesk.support.CustomerContext;
import com.fleetdesk.support.MessageSender;
import com.fleetdesk.support.QueueEntry;
import com.fleetdesk.support.SupportConsole;
import com.fleetdesk.support.SupportConversation;
import com.fleetdesk.support.SupportConversationChanged;
import com.fleetdesk.support.SupportMessage;
import com.fleetdesk.support.SupportTyping;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The support agents' console: the live queue with waiting times, and the selected conversation
 * with the customer's context, replies (canned or typed), transfer, resolution and intent correction.
 */
@Route("support/console")
@PageTitle("Support console · Fleetdesk")
@Menu(title = "Support console", order = 710, icon = "vaadin:headset")
@RolesAllowed({Roles.ADMIN, Roles.SUPPORT_AGENT})
public class AgentConsoleView extends Main {

    final Select<String> presence = new Select<>();
    final Grid<QueueEntry> queue = new Grid<>(QueueEntry.class, false);
    final Grid<SupportMessage> messages = new Grid<>(SupportMessage.class, false);
    final Button takeOver = new Button("Take over");
    final TextArea reply = new TextArea("Reply");
    final ComboBox<CannedResponse> canned = new ComboBox<>("Canned response");
    final Button send = new Button("Send reply");
    final ComboBox<AgentPresence> transferTo = new ComboBox<>("Transfer to");
    final Button transfer = new Button("Transfer");
    final TextArea resolution = new TextArea("Resolution note");
    final Button resolve = new Button("Resolve");
    final Button newCanned = new Button("New canned response");
    final CannedResponseDialog cannedDialog;
    final ComboBox<String> intent = new ComboBox<>("Correct intent of the selected message");
    final Button saveIntent = new Button("Save intent");
    final H2 heading = new H2("Choose a conversation");
    final Span conversationStatus = new Span();
    final Span readState = new Span();
    final TypingIndicator typing = new TypingIndicator();
    final Div context = new Div();
    private final VerticalLayout detail = new VerticalLayout();
    private final SupportConsole console;
    private final String me = CurrentUser.requireUsername();
    private Long selected;
    private long lastTypingSent;
    private com.vaadin.flow.shared.Registration polling;

    public AgentConsoleView(SupportConsole console, LiveEventBus live) {
        this.console = console;
        this.cannedDialog = new CannedResponseDialog(console, saved -> {
            canned.setItems(console.cannedResponses());
            Feedback.saved("Canned response “" + saved.getTitle() + "” saved");
        });
        newCanned.addClickListener(e -> cannedDialog.edit(new CannedResponse("", "")));
        addClassNames("list-view", "support-console");

        presence.setLabel("Your presence");
        presence.setItems("Online", "Away");
        presence.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                console.setOnline("Online".equals(e.getValue()));
                Feedback.info("You are " + e.getValue().toLowerCase(Locale.ROOT));
            }
        });

        queue.addColumn(QueueEntry::customerUsername).setHeader("Customer").setAutoWidth(true);
        queue.addColumn(q -> q.subject() == null ? "" : q.subject()).setHeader("Subject").setFlexGrow(1);
        queue.addColumn(StatusBadge.renderer(q -> q.status().label(),
                q -> q.status() == ConversationStatus.WAITING_FOR_AGENT ? StatusBadge.Tone.WARNING : StatusBadge.Tone.SUCCESS)).setHeader("Status").setAutoWidth(true);
        queue.addColumn(q -> q.reason() == null ? "" : q.reason().label()).setHeader("Why").setAutoWidth(true);
        queue.addColumn(q -> minutes(q.waiting())).setHeader("Waiting").setAutoWidth(true);
        queue.addColumn(q -> q.agentUsername() == null ? "" : q.agentUsername()).setHeader("Agent").setAutoWidth(true);
        queue.addColumn(q -> q.unread() ? "New message" : "").setHeader("Unread").setAutoWidth(true);
        queue.setEmptyStateText("Nobody is waiting for an agent.");
        queue.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        queue.setAllRowsVisible(true);
        queue.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                open(e.getValue().conversationId());
            }
        });

        messages.addColumn(m -> MessageBubble.TIME.format(m.getSentAt())).setHeader("Time").setAutoWidth(true);
        messages.addColumn(m -> switch (m.getSender()) {
            case CUSTOMER -> "Customer";
            case BOT -> "Assistant";
            case AGENT -> m.getAuthor();
            case SYSTEM -> "Fleetdesk";
        }).setHeader("From").setAutoWidth(true);
        messages.addColumn(SupportMessage::getText).setHeader("Message").setFlexGrow(1);
        messages.addColumn(m -> m.getSender() != MessageSender.CUSTOMER || m.effectiveIntent() == null ? ""
                : m.effectiveIntent() + (m.getCorrectedIntent() != null ? " (corrected)"
                : m.getConfidence() == null ? "" : String.format(Locale.UK, " (%.0f %%)", m.getConfidence() * 100))).setHeader("Intent").setAutoWidth(true);
        messages.setEmptyStateText("No messages yet.");
        messages.setAllRowsVisible(true);
        messages.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        messages.asSingleSelect().addValueChangeListener(e -> {
            boolean customer = e.getValue() != null && e.getValue().getSender() == MessageSender.CUSTOMER;
            intent.setEnabled(customer);
            saveIntent.setEnabled(customer);
            intent.setValue(customer ? e.getValue().effectiveIntent() : null);
        });
        intent.setItems(console.intents());
        intent.setEnabled(false);
        saveIntent.setEnabled(false);
        saveIntent.addClickListener(e -> run(() -> {
            console.correctIntent(messages.asSingleSelect().getValue().getId(), intent.getValue());
            Feedback.saved("Intent corrected");
        }, intent));

        takeOver.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        takeOver.addClickListener(e -> run(() -> console.takeOver(selected), null));
        reply.setWidthFull();
        reply.setMaxLength(2000);
        reply.setValueChangeMode(ValueChangeMode.EAGER);
        reply.addValueChangeListener(e -> {
            if (e.isFromClient() && selected != null && System.currentTimeMillis() - lastTypingSent > 3000) {
                lastTypingSent = System.currentTimeMillis();
                console.typing(selected);
            }
        });
        canned.setItemLabelGenerator(CannedResponse::getTitle);
        canned.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                reply.setValue(e.getValue().getText());
                canned.clear();
                reply.focus();
            }
        });
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> run(() -> {
            console.reply(selected, reply.getValue());
            reply.clear();
        }, reply));
        transferTo.setItemLabelGenerator(a -> a.username() + (a.online() ? " (online)" : " (away)"));
        transfer.addClickListener(e -> run(() -> {
            console.transfer(selected, transferTo.getValue() == null ? null : transferTo.getValue().username());
            Feedback.saved("Transferred to " + transferTo.getValue().username());
        }, transferTo));
        resolution.setWidthFull();
        resolution.setMaxLength(2000);
        resolve.addClickListener(e -> run(() -> {
            console.resolve(selected, resolution.getValue());
            resolution.clear();
            Feedback.saved("Resolved; the customer is asked to rate it");
        }, resolution));

        HorizontalLayout replyActions = new HorizontalLayout(canned, send, newCanned);
        replyActions.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout transferRow = new HorizontalLayout(transferTo, transfer);
        transferRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout intentRow = new HorizontalLayout(intent, saveIntent);
        intentRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        intent.setWidth("24em");
        HorizontalLayout state = new HorizontalLayout(conversationStatus, readState, typing, takeOver);
        state.setAlignItems(FlexComponent.Alignment.CENTER);
        detail.add(heading, state, messages, intentRow, reply, replyActions, transferRow, resolution, resolve);
        detail.setPadding(false);
        detail.setVisible(false);
        context.addClassName("customer-context");
        context.getStyle().set("min-width", "16em").set("max-width", "22em");

        FlexLayout body = new FlexLayout(detail, context);
        body.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        body.getStyle().set("gap", "1em");
        body.setFlexGrow(1, detail);
        add(new H1("Support console"), presence, new H2("Queue"), queue, body);

        live.subscribe(this, SupportConversationChanged.class, e -> {
            refreshQueue();
            if (selected != null && e.conversationId() == selected) {
                open(selected);
            }
        });
        live.subscribe(this, SupportTyping.class, e -> {
            if (selected != null && e.conversationId() == selected && !e.agent()) {
                typing.show("The customer");
            }
        });
        live.subscribe(this, AgentPresenceChanged.class, e -> transferTo.setItems(otherAgents()));
        refreshQueue();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        console.setOnline(true);
        presence.setValue("Online");
        transferTo.setItems(otherAgents());
        canned.setItems(console.cannedResponses());
        // Waiting times grow by themselves: refresh them every half minute.
        event.getUI().setPollInterval(30_000);
        polling = event.getUI().addPollListener(e -> refreshQueue());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
        super.onDetach(event);
    }

    private List<AgentPresence> otherAgents() {
        return console.agents().stream().filter(a -> !a.username().equalsIgnoreCase(me)).toList();
    }

    void refreshQueue() {
        QueueEntry chosen = queue.asSingleSelect().getValue();
        List<QueueEntry> entries = console.queue();
        queue.setItems(entries);
        if (chosen != null) {
            entries.stream().filter(q -> q.conversationId() == chosen.conversationId()).findFirst().ifPresent(queue::select);
        }
    }

    void open(long conversationId) {
        selected = conversationId;
        SupportConversation c = console.conversation(conversationId);
        List<SupportMessage> list = console.messages(conversationId);
        detail.setVisible(true);
        heading.setText("Conversation with " + c.getCustomerUsername() + (c.getSubject() == null ? "" : ": " + c.getSubject()));
        conversationStatus.removeAll();
        conversationStatus.add(new StatusBadge(c.getStatus().label(), c.getStatus() == ConversationStatus.WAITING_FOR_AGENT
                ? StatusBadge.Tone.WARNING : StatusBadge.Tone.SUCCESS));
        messages.setItems(list);
        boolean mine = c.getStatus() == ConversationStatus.WITH_AGENT && me.equalsIgnoreCase(c.getAgentUsername());
        takeOver.setVisible(c.getStatus() == ConversationStatus.WAITING_FOR_AGENT);
        reply.setEnabled(mine);
        canned.setEnabled(mine);
        send.setEnabled(mine);
        transferTo.setEnabled(mine);
        transfer.setEnabled(mine);
        resolution.setEnabled(mine);
        resolve.setEnabled(mine);
        Instant lastAgent = list.stream().filter(m -> m.getSender() == MessageSender.AGENT).map(SupportMessage::getSentAt).reduce((a, b) -> b).orElse(null);
        readState.setText(lastAgent == null ? "" : c.getCustomerReadAt() != null && !c.getCustomerReadAt().isBefore(lastAgent)
                ? "Read by the customer" : "Not read by the customer yet");
        if (mine) {
            console.markRead(conversationId);
        }
        showContext(console.customerContext(conversationId));
    }

    private void showContext(CustomerContext cc) {
        context.removeAll();
        context.add(new H3("Customer"), new Paragraph(cc.fullName() + " (" + cc.username() + ")"),
                new Paragraph("Roles: " + (cc.roles().isEmpty() ? "none" : String.join(", ", cc.roles()))),
                new Paragraph("Depots: " + (cc.depots().isEmpty() ? "none" : String.join(", ", cc.depots()))),
                new Paragraph("Vehicle: " + (cc.vehicle() == null ? "none assigned" : cc.vehicle())));
        context.add(new H3("Recent trips"));
        UnorderedList trips = new UnorderedList();
        cc.recentTrips().forEach(t -> trips.add(new ListItem("#" + t.id() + " " + t.purpose() + " · " + t.status().label())));
        context.add(cc.recentTrips().isEmpty() ? new Paragraph("No trips.") : trips);
        context.add(new H3("Previous conversations"));
        UnorderedList previous = new UnorderedList();
        cc.previousConversations().forEach(p -> previous.add(new ListItem("#" + p.getId() + " " + (p.getSubject() == null ? "" : p.getSubject())
                + " · " + p.getStatus().label() + (p.getCsat() == null ? "" : " · rated " + p.getCsat() + "/5"))));
        context.add(cc.previousConversations().isEmpty() ? new Paragraph("None.") : previous);
    }

    private void run(Runnable action, com.vaadin.flow.component.HasValidation field) {
        if (field != null) {
            field.setInvalid(false);
        }
        try {
            action.run();
            refreshQueue();
            if (selected != null) {
                open(selected);
            }
        } catch (InvalidInputException e) {
            if (field != null && e.field().isPresent()) {
                field.setErrorMessage(e.getMessage());
                field.setInvalid(true);
            } else {
                Feedback.error(e.getMessage());
            }
        } catch (AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
    }

    /** Adds a reply agents can insert with one click. */
    static class CannedResponseDialog extends com.fleetdesk.base.ui.EditDialog<CannedResponse> {

        final com.vaadin.flow.component.textfield.TextField title = new com.vaadin.flow.component.textfield.TextField("Title");
        final TextArea text = new TextArea("Text");

        CannedResponseDialog(SupportConsole console, com.vaadin.flow.function.SerializableConsumer<CannedResponse> afterSave) {
            super("Canned response", CannedResponse.class, console::saveCannedResponse, afterSave);
            text.setMaxLength(2000);
            form.add(title);
            form.add(text, 2);
            binder.bindInstanceFields(this);
        }
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return s < 3600 ? String.format("%d min %02d s", s / 60, s % 60) : String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
