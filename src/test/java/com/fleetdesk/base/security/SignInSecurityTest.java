package com.fleetdesk.base.security;

import com.fleetdesk.FleetdeskTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The sign-in form as a browser posts it: throttling of password guessing, and the security headers. */
@FleetdeskTest
class SignInSecurityTest {

    @Autowired
    WebApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(context.getBean(MalformedRequestFilter.class)).apply(springSecurity()).build();
    }

    @Test
    void repeatedWrongPasswordsPauseSigningInForThatAccountOnly() throws Exception {
        assertThat(signIn("technician", "fleetdesk", "10.0.0.1")).isEqualTo("/");
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("technician", "guess" + i, "10.0.0.1")).isEqualTo("/login?error");
        }
        // Even the right password is refused now, without being checked.
        assertThat(signIn("technician", "fleetdesk", "10.0.0.1")).isEqualTo("/login?locked");
        assertThat(signIn("Technician ", "fleetdesk", "10.0.0.2")).isEqualTo("/login?locked");
        // Other users are not affected.
        assertThat(signIn("warehouse", "fleetdesk", "10.0.0.1")).isEqualTo("/");
    }

    @Test
    void oneAddressTryingManyUsernamesIsPaused() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(signIn("nobody" + i, "x", "10.9.9.9")).isEqualTo("/login?error");
        }
        assertThat(signIn("office", "fleetdesk", "10.9.9.9")).isEqualTo("/login?locked");
        assertThat(signIn("office", "fleetdesk", "10.9.9.10")).isEqualTo("/");
    }

    @Test
    void everyNodeSeesTheSameFailedSignInsAndALockEndsWithItsWindow() throws Exception {
        // Another node: its own throttle over the same database.
        LoginThrottle otherNode = new LoginThrottle(jdbc, 5, 20, 15, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("driver", "guess" + i, "10.7.7.1")).isEqualTo("/login?error");
        }
        for (int i = 0; i < 2; i++) {
            otherNode.onFailure(new AuthenticationFailureBadCredentialsEvent(
                    UsernamePasswordAuthenticationToken.unauthenticated("Driver", "guess"), new BadCredentialsException("bad")));
        }
        assertThat(otherNode.isBlocked("driver", "10.7.7.2")).as("five failures, three here and two there").isTrue();
        assertThat(signIn("driver", "fleetdesk", "10.7.7.3")).isEqualTo("/login?locked");

        // The window has passed since the last failure: signing in works again, and clears the count.
        jdbc.sql("update login_failure set last_failed_at = now() - interval '16 minutes' where subject = 'user:driver'").update();
        assertThat(otherNode.isBlocked("driver", "10.7.7.3")).isFalse();
        assertThat(signIn("driver", "fleetdesk", "10.7.7.3")).isEqualTo("/");
        assertThat(jdbc.sql("select count(*) from login_failure where subject = 'user:driver'").query(Long.class).single()).isZero();
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        MvcResult page = mvc.perform(get("/actuator/health")).andReturn();
        String csp = page.getResponse().getHeader("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'", "frame-ancestors 'self'", "object-src 'none'");
        assertThat(page.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getResponse().getHeader("X-Frame-Options")).isEqualTo("SAMEORIGIN");
        assertThat(page.getResponse().getHeader("Permissions-Policy")).contains("camera=()");
    }

    @Test
    void parametersThatAreNotUtf8AreRefusedWithAReason() throws Exception {
        MvcResult result = mvc.perform(get(java.net.URI.create("/trips?v-r=init&location=%3F%25%95%DF%1C"))).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(result.getResponse().getContentAsString()).isEqualTo(MalformedRequestFilter.REASON);
        // Form bodies are parsed by Tomcat itself (MockMvc does not): EndpointFuzzIT covers them against the real server.
    }

    @Test
    void aConfiguredTileServerIsAllowedForImagesOnly() {
        String csp = SecurityConfiguration.contentSecurityPolicy("https://{s}.tile.example.org/{z}/{x}/{y}.png");
        assertThat(csp).contains("img-src 'self' data: blob: https://*.tile.example.org;").doesNotContain("script-src 'self' https");
        assertThat(SecurityConfiguration.contentSecurityPolicy("")).contains("img-src 'self' data: blob:;");
    }

    /** Where the browser is sent after posting the form. */
    private String signIn(String username, String password, String address) throws Exception {
        MvcResult result = mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())
                .with(r -> {
                    r.setRemoteAddr(address);
                    return r;
                })).andReturn();
        String location = result.getResponse().getRedirectedUrl();
        return location == null ? String.valueOf(result.getResponse().getStatus()) : location.replaceFirst("^https?://[^/]+", "");
    }
}
