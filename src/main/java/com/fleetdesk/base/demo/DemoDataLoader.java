package com.fleetdesk.base.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Loads every module's demo data into an empty database on start-up and prints the logins. */
@Component
@Order(0)
@EnableConfigurationProperties(DemoDataSettings.class)
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoDataSettings settings;
    private final List<DemoDataContributor> contributors;

    DemoDataLoader(DemoDataSettings settings, List<DemoDataContributor> contributors) {
        this.settings = settings;
        this.contributors = contributors.stream().sorted(Comparator.comparingInt(DemoDataContributor::order)).toList();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!settings.enabled()) {
            return;
        }
        // Demo data is written by the system, with every right, outside any user's session.
        var system = new UsernamePasswordAuthenticationToken("system", null,
                AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(SecurityContextHolder.createEmptyContext());
        SecurityContextHolder.getContext().setAuthentication(system);
        try {
            for (DemoDataContributor contributor : contributors) {
                if (!contributor.alreadyLoaded()) {
                    long started = System.nanoTime();
                    // Each contributor gets its own stream so adding one never changes another's data.
                    var random = new SplittableRandom(settings.seed() ^ org.springframework.aop.support.AopUtils.getTargetClass(contributor).getSimpleName().hashCode());
                    contributor.load(settings, random);
                    log.info("Demo data: {} loaded in {} ms", org.springframework.aop.support.AopUtils.getTargetClass(contributor).getSimpleName(),
                            (System.nanoTime() - started) / 1_000_000);
                }
            }
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        StringBuilder notes = new StringBuilder();
        for (DemoDataContributor contributor : contributors) {
            contributor.startupNotes(settings).forEach(line -> notes.append(System.lineSeparator()).append("  ").append(line));
        }
        if (!notes.isEmpty()) {
            log.info("Fleetdesk demo data is ready.{}", notes);
        }
    }
}
