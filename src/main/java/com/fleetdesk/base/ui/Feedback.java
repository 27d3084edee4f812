package com.fleetdesk.base.ui;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Short confirmations and errors; Vaadin notifications are announced by screen readers. */
public final class Feedback {

    private Feedback() {
    }

    public static void saved(String message) {
        Notification n = Notification.show(message, 3000, Notification.Position.BOTTOM_START);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String message) {
        Notification n = Notification.show(message, 6000, Notification.Position.MIDDLE);
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    public static void info(String message) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START);
    }
}
