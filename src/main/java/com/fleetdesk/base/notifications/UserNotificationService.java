package com.fleetdesk.base.notifications;

import com.fleetdesk.base.security.CurrentUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * The in-app notification bell: modules post messages for a user (a trip decision, an alert,
 * low stock), the user reads their own. Posting joins the caller's transaction, so a message
 * exists exactly when the change it reports was committed.
 */
@Service
public class UserNotificationService {

    private final UserNotificationRepository notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserNotificationService(UserNotificationRepository notifications, ApplicationEventPublisher events) {
        this.notifications = notifications;
        this.events = events;
        this.clock = Clock.systemUTC();
    }

    /** Posts a message for {@code username}; called by modules' services, never by views. */
    @Transactional(propagation = Propagation.REQUIRED)
    @com.fleetdesk.base.security.SystemOperation("modules' services, telling a user about something that concerns them")
    public void post(String username, String text, String link) {
        if (username == null || username.isBlank() || text == null || text.isBlank()) {
            throw new IllegalArgumentException("A notification needs a recipient and a text");
        }
        notifications.save(new UserNotification(username, text, link, clock.instant()));
        events.publishEvent(new NotificationPosted(username));
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public List<UserNotification> mine(int limit) {
        return notifications.findByUsernameOrderByCreatedAtDescIdDesc(CurrentUser.requireUsername(), PageRequest.of(0, limit));
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public long unreadCount() {
        return notifications.countByUsernameAndReadAtIsNull(CurrentUser.requireUsername());
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void markAllRead() {
        String me = CurrentUser.requireUsername();
        if (notifications.markAllRead(me, clock.instant()) > 0) {
            events.publishEvent(new NotificationPosted(me));
        }
    }
}
