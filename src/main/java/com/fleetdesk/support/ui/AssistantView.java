package com.fleetdesk.support.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.base.ui.StatusBadge;
import com.fleetdesk.support.ConversationStatus;
import com.fleetdesk.support.MessageSender;
import com.fleetdesk.support.SupportChatService;
import com.fleetdesk.support.SupportConversation;
import com.fleetdesk.support.SupportConversationChanged;
import com.fleetdesk.support.SupportMessage;
import com.fleetdesk.support.SupportTyping;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import org.springframework.security.access.AccessDeniedException;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** The chat with the support assistant, and with a person once it is handed over; updated live. */
@Route("support/assistant")
@PageTitle("Assistant · Fleetdesk")
@Menu(title = "Assistant", order = 700, icon = "vaadin:chat")
@PermitAll
public class AssistantView extends Main {

    final Div transcript = new Div();
    final TextField message = new TextField("Your message");
    final Button send = new Button("Send", VaadinIcon.PAPERPLANE.create());
    final Button person = new Button("Talk to a person", VaadinIcon.USER.create());
    final Button solved = new Button("This solved it", VaadinIcon.CHECK.create());
    final Button end = new Button("End chat");
    final Button reopen = new Button("Still a problem? Reopen");
    final RadioButtonGroup<Integer> rating = new RadioButtonGroup<>("How good was the help? (1 = poor, 5 = excellent)");
    final Button rate = new Button("Send rating");
    final Span status = new Span();
    final Span readState = new Span();
    final TypingIndicator typing = new TypingIndicator();
    private final Div ratingBox = new Div();
    private final SupportChatService chat;
    private final String me = CurrentUser.requireUsername();
    private Long conversationId;
    private long lastTypingSent;

    public AssistantView(SupportChatService chat, LiveEventBus live) {
        this.chat = chat;
        addClassNames("list-view", "support-chat");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "0.5em");

        transcript.getElement().setAttribute("role", "log");
        transcript.getElement().setAttribute("aria-live", "polite");
        transcript.getElement().setAttribute("aria-label", "Conversation");
        transcript.getStyle().set("display", "flex").set("flex-direction", "column").set("overflow-y", "auto")
                .set("flex", "1 1 auto").set("min-height", "16em").set("max-height", "60vh");

        message.setWidthFull();
        message.setMaxLength(2000);
        message.setPlaceholder("Ask about trips, expenses, the map, stock… or a vehicle by its registration");
        message.setValueChangeMode(ValueChangeMode.EAGER);
        message.addValueChangeListener(e -> {
            if (e.isFromClient() && conversationId != null && System.currentTimeMillis() - lastTypingSent > 3000) {
                lastTypingSent = System.currentTimeMillis();
                chat.typing(conversationId);
            }
        });
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickShortcut(Key.ENTER).listenOn(message);
        send.addClickListener(e -> send());
        person.addClickListener(e -> act(chat::requestPerson));
        solved.addClickListener(e -> act(() -> chat.markSolved(conversationId)));
        end.addClickListener(e -> act(() -> chat.close(conversationId)));
        reopen.addClickListener(e -> act(() -> chat.reopen(conversationId)));
        rating.setItems(1, 2, 3, 4, 5);
        rate.addClickListener(e -> {
            if (rating.getValue() == null) {
                rating.setErrorMessage("Choose a rating from 1 to 5");
                rating.setInvalid(true);
                return;
            }
            act(() -> chat.rate(conversationId, rating.getValue()));
            Feedback.saved("Thank you for your rating");
        });
        ratingBox.add(rating, rate);

        HorizontalLayout input = new HorizontalLayout(message, send);
        input.setWidthFull();
        input.setAlignItems(FlexComponent.Alignment.BASELINE);
        input.expand(message);
        HorizontalLayout actions = new HorizontalLayout(person, solved, reopen, end);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout state = new HorizontalLayout(status, readState, typing);
        state.setAlignItems(FlexComponent.Alignment.CENTER);
        add(new H1("Assistant"), new Paragraph(chat.usesLanguageModel()
                ? "Ask in your own words. The assistant answers from the help articles and the data you may see."
                : "Ask in your own words. The assistant answers from the help articles and the data you may see, and says when it does not know."),
                state, transcript, ratingBox, input, actions);

        live.subscribe(this, SupportConversationChanged.class, e -> {
            if (me.equalsIgnoreCase(e.customerUsername())) {
                refresh();
            }
        });
        live.subscribe(this, SupportTyping.class, e -> {
            if (conversationId != null && e.conversationId() == conversationId && e.agent()) {
                typing.show(e.username());
            }
        });
        refresh();
    }

    private void send() {
        String text = message.getValue();
        message.setInvalid(false);
        try {
            SupportConversation c = chat.send(text);
            message.clear();
            conversationId = c.getId();
            refresh();
        } catch (InvalidInputException e) {
            message.setErrorMessage(e.getMessage());
            message.setInvalid(true);
        }
        message.focus();
    }

    private void act(Supplier<SupportConversation> action) {
        try {
            action.get();
            refresh();
        } catch (InvalidInputException | AccessDeniedException e) {
            Feedback.error(e.getMessage());
        }
    }

    void refresh() {
        SupportConversation c = chat.current().orElse(null);
        conversationId = c == null ? null : c.getId();
        transcript.removeAll();
        ConversationStatus s = c == null ? null : c.getStatus();
        if (c == null) {
            transcript.add(new Paragraph("Hello! How can I help? You can also ask for a person at any time."));
            status.removeAll();
            readState.setText("");
        } else {
            List<SupportMessage> messages = chat.messages(c.getId());
            messages.forEach(m -> transcript.add(new MessageBubble(m, "You")));
            chat.markRead(c.getId());
            status.removeAll();
            status.add(new StatusBadge(s.label(), switch (s) {
                case BOT -> StatusBadge.Tone.INFO;
                case WAITING_FOR_AGENT -> StatusBadge.Tone.WARNING;
                case WITH_AGENT -> StatusBadge.Tone.SUCCESS;
                default -> StatusBadge.Tone.NEUTRAL;
            }));
            Instant lastMine = messages.stream().filter(m -> m.getSender() == MessageSender.CUSTOMER).map(SupportMessage::getSentAt)
                    .reduce((a, b) -> b).orElse(null);
            readState.setText(s == ConversationStatus.WITH_AGENT && lastMine != null
                    ? (c.getAgentReadAt() != null && !c.getAgentReadAt().isBefore(lastMine) ? "Read by " + c.getAgentUsername() : "Not read yet")
                    : "");
            if (messages.stream().anyMatch(m -> m.getSender() == MessageSender.AGENT)) {
                typing.clear();
            }
        }
        person.setVisible(s == ConversationStatus.BOT);
        solved.setVisible(s == ConversationStatus.BOT);
        end.setVisible(s == ConversationStatus.BOT || s == ConversationStatus.RESOLVED);
        ratingBox.setVisible(s == ConversationStatus.RESOLVED);
        reopen.setVisible(s == ConversationStatus.RESOLVED && c != null && !c.isResolvedByBot());
        message.setEnabled(s != ConversationStatus.RESOLVED);
        send.setEnabled(s != ConversationStatus.RESOLVED);
    }
}
