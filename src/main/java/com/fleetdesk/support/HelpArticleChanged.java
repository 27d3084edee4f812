package com.fleetdesk.support;

import com.fleetdesk.base.live.LiveEvent;

/** An article was created, edited or deleted; every node re-reads its passages into memory. */
public record HelpArticleChanged(long articleId, boolean deleted) implements LiveEvent {
}
