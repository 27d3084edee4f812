package com.fleetdesk.base.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down password guessing: after {@code max-failures-per-user} failed sign-ins for one
 * username, or {@code max-failures-per-address} from one address, within the window, further
 * attempts are refused without checking the password until the window has passed. A successful
 * sign-in clears the username's count. Counts are per node (a guesser spread over nodes by the
 * load balancer gets at most nodes × the limit).
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final Cache<String, AtomicInteger> failuresByUser;
    private final Cache<String, AtomicInteger> failuresByAddress;
    private final MeterRegistry meters;

    LoginThrottle(@Value("${fleetdesk.login.max-failures-per-user:5}") int maxPerUser,
                  @Value("${fleetdesk.login.max-failures-per-address:20}") int maxPerAddress,
                  @Value("${fleetdesk.login.lock-minutes:15}") int lockMinutes,
                  MeterRegistry meters) {
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = Duration.ofMinutes(lockMinutes);
        this.failuresByUser = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
        this.failuresByAddress = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(100_000).build();
        this.meters = meters;
    }

    /** True when a sign-in for this username from this address must be refused for now. */
    public boolean isBlocked(String username, String address) {
        AtomicInteger byUser = username == null ? null : failuresByUser.getIfPresent(key(username));
        AtomicInteger byAddress = address == null ? null : failuresByAddress.getIfPresent(address);
        return (byUser != null && byUser.get() >= maxPerUser) || (byAddress != null && byAddress.get() >= maxPerAddress);
    }

    /** How long a refused user waits, for the message on the sign-in page. */
    public Duration lockDuration() {
        return window;
    }

    @EventListener
    void onFailure(AbstractAuthenticationFailureEvent event) {
        String username = event.getAuthentication().getName();
        String address = event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        meters.counter("fleetdesk.login.failures").increment();
        if (username != null && !username.isBlank()) {
            int failures = failuresByUser.get(key(username), k -> new AtomicInteger()).incrementAndGet();
            if (failures == maxPerUser) {
                // The username is logged, never the password that was tried.
                log.warn("Sign-in for '{}' locked for {} minutes after {} failed attempts", username, window.toMinutes(), failures);
            }
        }
        if (address != null) {
            int failures = failuresByAddress.get(address, k -> new AtomicInteger()).incrementAndGet();
            if (failures == maxPerAddress) {
                log.warn("Sign-ins from {} refused for {} minutes after {} failed attempts", address, window.toMinutes(), failures);
            }
        }
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        failuresByUser.invalidate(key(event.getAuthentication().getName()));
    }

    void refused() {
        meters.counter("fleetdesk.login.refused").increment();
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
