package com.fleetdesk.routing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A plan left SOLVING by a stopped server can never finish: on start it is marked failed, so it can be solved again. */
@Component
class InterruptedSolves {

    private static final Logger log = LoggerFactory.getLogger(InterruptedSolves.class);

    private final RoutePlanRepository plans;
    private final RouteSolver solver;

    InterruptedSolves(RoutePlanRepository plans, RouteSolver solver) {
        this.plans = plans;
        this.solver = solver;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void failInterruptedSolves() {
        for (RoutePlan plan : plans.findByStatus(RoutePlanStatus.SOLVING)) {
            if (!solver.isSolving(plan.getId())) {
                plan.fail("The server stopped while this plan was being solved; solve it again.");
                log.info("Route plan {} was left solving by a stopped server; marked failed", plan.getId());
            }
        }
    }
}
