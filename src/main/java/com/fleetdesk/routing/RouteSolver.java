package com.fleetdesk.routing;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import ai.timefold.solver.core.api.solver.SolverManager;
import com.fleetdesk.base.NodeName;
import com.fleetdesk.routing.solver.RouteProblem;
import com.fleetdesk.routing.solver.RouteSolving;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs route plans through Timefold in the background: at most one plan per depot at a time,
 * each for a bounded time. Callers get the improving solutions and the final one.
 */
@Component
class RouteSolver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RouteSolver.class);

    private final SolverFactory<RouteProblem> factory;
    private final SolverManager<RouteProblem, Long> manager;
    private final SolutionManager<RouteProblem, HardMediumSoftLongScore> solutions;
    /** depot id → plan id being solved */
    private final Map<Long, Long> running = new ConcurrentHashMap<>();
    private final Duration spent;
    private final Duration unimproved;
    /**
     * This run of this node, as route_plan.solving_node names it: the node's stable name (if it has one)
     * and a new id per start, so that a restarted node knows the solves its earlier run left behind.
     */
    private final String node;
    private final String earlierRunPrefix;
    private final Duration lease;

    RouteSolver(@Value("${fleetdesk.routing.solve-seconds:30}") long solveSeconds,
                @Value("${fleetdesk.routing.unimproved-seconds:10}") long unimprovedSeconds,
                @Value("${fleetdesk.routing.solving-lease-seconds:60}") long leaseSeconds,
                NodeName nodeName) {
        this.earlierRunPrefix = nodeName.stable().map(name -> name + "/").orElse(null);
        this.node = (earlierRunPrefix == null ? "" : earlierRunPrefix) + java.util.UUID.randomUUID();
        this.lease = Duration.ofSeconds(leaseSeconds);
        this.spent = Duration.ofSeconds(solveSeconds);
        this.unimproved = Duration.ofSeconds(unimprovedSeconds);
        this.factory = SolverFactory.create(RouteSolving.config(Duration.ofSeconds(solveSeconds), Duration.ofSeconds(unimprovedSeconds)));
        this.manager = SolverManager.create(factory);
        this.solutions = SolutionManager.create(factory);
    }

    SolutionManager<RouteProblem, HardMediumSoftLongScore> solutions() {
        return solutions;
    }

    /** @return false when another plan of the depot is being solved */
    boolean start(long planId, long depotId, RouteProblem problem, Consumer<RouteProblem> better,
                  Consumer<RouteProblem> finished, Consumer<Throwable> failed) {
        if (running.putIfAbsent(depotId, planId) != null) {
            return false;
        }
        try {
            RouteSolving.construct(problem);
            manager.solveBuilder()
                    .withProblemId(planId)
                    .withProblem(problem)
                    .withConfigOverride(new SolverConfigOverride<RouteProblem>().withTerminationConfig(termination(problem.getVisits().size())))
                    .withBestSolutionEventConsumer(e -> better.accept(e.solution()))
                    .withFinalBestSolutionConsumer(solution -> {
                        try {
                            finished.accept(solution);
                        } finally {
                            running.remove(depotId, planId);
                        }
                    })
                    .withExceptionHandler((id, e) -> {
                        log.warn("Solving route plan {} failed", id, e);
                        try {
                            failed.accept(e);
                        } finally {
                            running.remove(depotId, planId);
                        }
                    })
                    .run();
            return true;
        } catch (RuntimeException e) {
            running.remove(depotId, planId);
            throw e;
        }
    }

    /** Small plans stop sooner: a few stops have nothing left to improve after a second or two. */
    TerminationConfig termination(int stops) {
        long millis = Math.max(2000, Math.min(unimproved.toMillis(), stops * 100L));
        return new TerminationConfig().withSpentLimit(spent).withUnimprovedSpentLimit(Duration.ofMillis(millis));
    }

    boolean isSolving(long planId) {
        return running.containsValue(planId);
    }

    String node() {
        return node;
    }

    /** Whether {@code solvingNode} is an earlier run of this node (so nothing solves that plan any more). */
    boolean isEarlierRunHere(String solvingNode) {
        return earlierRunPrefix != null && solvingNode != null && solvingNode.startsWith(earlierRunPrefix) && !solvingNode.equals(node);
    }

    /** How long a node's claim on a plan it solves lasts without renewal. */
    Duration lease() {
        return lease;
    }

    /** The plans this node is solving now. */
    java.util.Set<Long> solvingPlans() {
        return java.util.Set.copyOf(running.values());
    }

    /** Stops early; the final consumer still receives the best solution so far. */
    void stop(long planId) {
        manager.terminateEarly(planId);
    }

    @Override
    public void close() {
        manager.close();
    }
}
