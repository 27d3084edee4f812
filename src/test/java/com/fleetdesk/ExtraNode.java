package com.fleetdesk;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts another Fleetdesk application context in this JVM, as a second node would run:
 * same code and its own beans (without the web front end, which these tests do not need), pointed at a database chosen by {@code dataDir} (blank = the
 * shared throw-away database the other tests use).
 */
public final class ExtraNode {

    private ExtraNode() {
    }

    public static ConfigurableApplicationContext start(String dataDir, String... properties) {
        String[] args = new String[properties.length + 3];
        args[0] = "--fleetdesk.db.embedded.data-dir=" + dataDir;
        args[1] = "--spring.main.web-application-type=none";
        args[2] = "--spring.autoconfigure.exclude=com.vaadin.flow.spring.SpringBootAutoConfiguration,"
                + "com.vaadin.flow.spring.SpringSecurityAutoConfiguration";
        System.arraycopy(properties, 0, args, 3, properties.length);
        return new SpringApplicationBuilder(Application.class)
                .profiles("test")
                .run(args);
    }
}
