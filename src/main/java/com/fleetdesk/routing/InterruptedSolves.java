package com.fleetdesk.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * A plan left SOLVING by a stopped node can never finish, so it is marked failed and can be solved
 * again; plans another live node is solving are left alone. Each node renews the lease on the plans
 * its solver runs ({@code fleetdesk.routing.solving-lease-seconds}, 60 s); any node fails a plan
 * whose lease ran out, at start and every {@code fleetdesk.routing.lease-check-ms} (10 s). A node
 * with a stable name ({@link com.fleetdesk.base.NodeName}) fails the plans its run before a restart
 * left solving as soon as it starts again; a plan whose node does not come back is failed once the
 * lease has run out.
 */
@Component
class InterruptedSolves {

    private static final Logger log = LoggerFactory.getLogger(InterruptedSolves.class);

    private final RoutePlanRepository plans;
    private final RouteSolver solver;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    InterruptedSolves(RoutePlanRepository plans, RouteSolver solver, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.plans = plans;
        this.solver = solver;
        this.jdbc = jdbc;
        this.events = events;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void failInterruptedSolves() {
        Instant now = clock.instant();
        Set<Long> solvingHere = solver.solvingPlans();
        for (RoutePlan plan : plans.findByStatus(RoutePlanStatus.SOLVING)) {
            if (plan.solvingAbandoned(solvingHere.contains(plan.getId()), solver.isEarlierRunHere(plan.getSolvingNode()), now)) {
                plan.fail("The server solving this plan stopped before it finished; solve it again.");
                events.publishEvent(new RoutePlanChanged(plan.getId(), plan.getDepotId(), plan.getStatus()));
                log.info("Route plan {} was left solving by a stopped server; marked failed", plan.getId());
            }
        }
    }

    /** Renews this node's leases (a plain update: a renewal is not a change worth an audit entry), then looks for abandoned plans. */
    @Scheduled(initialDelayString = "${fleetdesk.routing.lease-check-ms:10000}", fixedDelayString = "${fleetdesk.routing.lease-check-ms:10000}")
    @Transactional
    public void renewLeases() {
        Set<Long> solvingHere = solver.solvingPlans();
        if (!solvingHere.isEmpty()) {
            jdbc.sql("update route_plan set solving_lease_until = ? where id = any(?) and status = 'SOLVING' and solving_node = ?")
                    .params(Timestamp.from(clock.instant().plus(solver.lease())), solvingHere.toArray(Long[]::new), solver.node())
                    .update();
        }
        failInterruptedSolves();
    }
}
