package com.fleetdesk.base.security;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;

/**
 * Slows down password guessing: after {@code max-failures-per-user} failed sign-ins for one
 * username, or {@code max-failures-per-address} from one address, each within the window of the
 * one before, further attempts are refused without checking the password until the window has
 * passed since the last failure. A successful sign-in clears the username's count. Counts live in
 * the database ({@code login_failure}, database time), so all nodes share them: a guesser spread
 * over the nodes by the load balancer gets the limit once.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int MAX_USERNAME_IN_KEY = 200;

    private final JdbcClient jdbc;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Duration window;
    private final MeterRegistry meters;

    LoginThrottle(JdbcClient jdbc,
                  @Value("${fleetdesk.login.max-failures-per-user:5}") int maxPerUser,
                  @Value("${fleetdesk.login.max-failures-per-address:20}") int maxPerAddress,
                  @Value("${fleetdesk.login.lock-minutes:15}") int lockMinutes,
                  MeterRegistry meters) {
        this.jdbc = jdbc;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.window = Duration.ofMinutes(lockMinutes);
        this.meters = meters;
    }

    /** True when a sign-in for this username from this address must be refused for now. */
    public boolean isBlocked(String username, String address) {
        String user = username == null ? null : userKey(username);
        String from = address == null ? null : addressKey(address);
        try {
            return jdbc.sql("""
                            select count(*) from login_failure
                             where last_failed_at > now() - ? * interval '1 second'
                               and (subject = ? and failures >= ? or subject = ? and failures >= ?)
                            """)
                    .params(window.toSeconds(), user, maxPerUser, from, maxPerAddress)
                    .query(Long.class).single() > 0;
        } catch (DataAccessException e) {
            // The database is away: the password check cannot run either, and says so.
            log.warn("Sign-in throttle unavailable ({}); the attempt goes on to the password check", e.getMessage());
            return false;
        }
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
        if (username != null && !username.isBlank() && count(userKey(username)) == maxPerUser) {
            // The username is logged, never the password that was tried.
            log.warn("Sign-in for '{}' locked for {} minutes after {} failed attempts", username, window.toMinutes(), maxPerUser);
        }
        if (address != null && count(addressKey(address)) == maxPerAddress) {
            log.warn("Sign-ins from {} refused for {} minutes after {} failed attempts", address, window.toMinutes(), maxPerAddress);
        }
    }

    /** Counts one more failure for the subject (starting again after a quiet window); returns its count. */
    private int count(String subject) {
        try {
            return jdbc.sql("""
                            insert into login_failure (subject, failures, last_failed_at) values (?, 1, now())
                            on conflict (subject) do update set last_failed_at = now(),
                                   failures = case when login_failure.last_failed_at > now() - ? * interval '1 second'
                                                   then login_failure.failures + 1 else 1 end
                            returning failures
                            """)
                    .params(subject, window.toSeconds()).query(Integer.class).single();
        } catch (DataAccessException e) {
            log.warn("Could not count a failed sign-in ({})", e.getMessage());
            return 0;
        }
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        try {
            jdbc.sql("delete from login_failure where subject = ?").param(userKey(event.getAuthentication().getName())).update();
        } catch (DataAccessException e) {
            log.warn("Could not clear failed sign-ins ({})", e.getMessage());
        }
    }

    /** Forgets counts whose window has passed (every node may run it; it is one idempotent delete). */
    @Scheduled(initialDelay = 3_600_000, fixedDelay = 3_600_000)
    void forgetOldFailures() {
        try {
            jdbc.sql("delete from login_failure where last_failed_at < now() - ? * interval '1 second'").param(window.toSeconds()).update();
        } catch (DataAccessException e) {
            log.warn("Could not forget old failed sign-ins ({})", e.getMessage());
        }
    }

    void refused() {
        meters.counter("fleetdesk.login.refused").increment();
    }

    private static String userKey(String username) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        return "user:" + (name.length() > MAX_USERNAME_IN_KEY ? name.substring(0, MAX_USERNAME_IN_KEY) : name);
    }

    private static String addressKey(String address) {
        return "address:" + (address.length() > 64 ? address.substring(0, 64) : address);
    }
}
