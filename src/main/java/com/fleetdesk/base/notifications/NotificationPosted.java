package com.fleetdesk.base.notifications;

import com.fleetdesk.base.live.LiveEvent;

/** A user's notifications changed; their open bells refresh the unread count. */
public record NotificationPosted(String username) implements LiveEvent {
}
