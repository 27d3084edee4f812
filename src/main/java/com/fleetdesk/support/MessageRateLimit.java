package com.fleetdesk.support;

import com.fleetdesk.base.domain.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code fleetdesk.support.messages-per-minute} messages per user in any sliding minute
 * (per node; a sticky session keeps a user on one node), so nobody floods the assistant or an agent.
 */
@Component
class MessageRateLimit {

    private final int perMinute;
    private final Map<String, Deque<Long>> sent = new ConcurrentHashMap<>();

    MessageRateLimit(@Value("${fleetdesk.support.messages-per-minute:20}") int perMinute) {
        this.perMinute = perMinute;
    }

    void acquire(String username, long nowMillis) {
        Deque<Long> times = sent.computeIfAbsent(username.toLowerCase(java.util.Locale.ROOT), u -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && times.peekFirst() <= nowMillis - 60_000) {
                times.pollFirst();
            }
            if (times.size() >= perMinute) {
                long waitSeconds = Math.max(1, (times.peekFirst() + 60_000 - nowMillis + 999) / 1000);
                throw new InvalidInputException("message", "You are sending messages too quickly; wait " + waitSeconds + " s and try again");
            }
            times.addLast(nowMillis);
        }
    }
}
