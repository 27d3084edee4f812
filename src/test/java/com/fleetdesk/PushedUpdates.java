package com.fleetdesk;

import com.vaadin.flow.server.VaadinSession;

/**
 * In a browserless test the test thread holds the session lock, so live events queue their
 * UI updates ({@code UI.access}) exactly as they would wait for the lock in production; this
 * runs them, as the server does when the lock is released and the push goes out.
 */
public final class PushedUpdates {

    private PushedUpdates() {
    }

    public static void deliver() {
        VaadinSession session = VaadinSession.getCurrent();
        session.getService().runPendingAccessTasks(session);
    }
}
