package com.fleetdesk.base.ui;

import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.base.notifications.NotificationPosted;
import com.fleetdesk.base.notifications.UserNotification;
import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.base.security.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.popover.Popover;
import com.vaadin.flow.component.popover.PopoverPosition;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/** The header bell: unread count as text (not colour alone), pushed live; opens the latest messages. */
public class NotificationBell extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
            .withLocale(Locale.UK).withZone(ZoneId.of("Europe/London"));

    private final UserNotificationService notifications;
    final Button bell = new Button(VaadinIcon.BELL.create());
    final Span count = new Span();
    private final Div list = new Div();

    public NotificationBell(UserNotificationService notifications, LiveEventBus live) {
        this.notifications = notifications;
        addClassName("notification-bell");
        bell.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        count.addClassName("bell-count");
        bell.setSuffixComponent(count);
        Popover popover = new Popover();
        popover.setTarget(bell);
        popover.setPosition(PopoverPosition.BOTTOM_END);
        popover.setAriaLabelledBy("notifications-heading");
        popover.setModal(false);
        H2 heading = new H2("Notifications");
        heading.setId("notifications-heading");
        heading.addClassName("popover-heading");
        Button markRead = new Button("Mark all as read", e -> {
            notifications.markAllRead();
            refresh();
        });
        markRead.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        popover.add(heading, markRead, list);
        popover.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                renderList();
            }
        });
        add(bell, popover);
        refresh();
        String me = CurrentUser.username().orElse("");
        live.subscribe(this, NotificationPosted.class, e -> {
            if (e.username().equals(me)) {
                refresh();
                if (popover.isOpened()) {
                    renderList();
                }
            }
        });
    }

    private void refresh() {
        long unread = notifications.unreadCount();
        count.setText(unread == 0 ? "" : String.valueOf(unread));
        count.setVisible(unread > 0);
        bell.setAriaLabel(unread == 0 ? "Notifications, none unread" : "Notifications, " + unread + " unread");
    }

    private void renderList() {
        list.removeAll();
        var latest = notifications.mine(15);
        if (latest.isEmpty()) {
            list.add(new Paragraph("No notifications yet."));
            return;
        }
        UnorderedList items = new UnorderedList();
        items.addClassName("notification-list");
        for (UserNotification n : latest) {
            Span when = new Span(TIME.format(n.getCreatedAt()) + (n.isRead() ? "" : " · unread"));
            when.addClassName("notification-time");
            var text = n.getLink() == null ? new Span(n.getText()) : new Anchor(n.getLink(), n.getText());
            items.add(new ListItem(text, when));
        }
        list.add(items);
    }
}
