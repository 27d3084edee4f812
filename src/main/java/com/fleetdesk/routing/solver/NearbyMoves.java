package com.fleetdesk.routing.solver;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.Move;
import ai.timefold.solver.core.impl.heuristic.selector.common.decorator.SelectionFilter;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.list.ListChangeMove;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.list.ListSwapMove;

import java.util.List;

/**
 * Keeps only moves that place a stop next to one of its near neighbours (or the depot). The
 * community edition has no nearby selection; filtering random moves this way spends the score
 * calculations on moves that can pay instead of on far-fetched ones.
 */
public class NearbyMoves implements SelectionFilter<RouteProblem, Move<RouteProblem>> {

    @Override
    public boolean accept(ScoreDirector<RouteProblem> scoreDirector, Move<RouteProblem> move) {
        if (move instanceof ListChangeMove<RouteProblem> change) {
            return acceptChange(change);
        }
        if (move instanceof ListSwapMove<RouteProblem> swap) {
            return acceptSwap(swap);
        }
        return true;
    }

    private static boolean acceptChange(ListChangeMove<RouteProblem> move) {
        RouteVisit visit = (RouteVisit) move.getMovedValue();
        RouteVehicle target = (RouteVehicle) move.getDestinationEntity();
        List<RouteVisit> list = target.getVisits();
        int index = move.getDestinationIndex();
        boolean sameRoute = move.getSourceEntity() == target;
        int source = move.getSourceIndex();
        // The destination index counts positions after the visit left its old place.
        int before = index - 1;
        int after = index;
        if (sameRoute && source <= before) {
            before++;
        }
        if (sameRoute && source <= after) {
            after++;
        }
        TravelMatrix m = visit.matrixOf();
        int loc = visit.getLocation();
        if (before < 0 || after >= list.size()) {
            return true;
        }
        return m.near(loc, list.get(before).getLocation()) || m.near(loc, list.get(after).getLocation());
    }

    private static boolean acceptSwap(ListSwapMove<RouteProblem> move) {
        RouteVisit left = (RouteVisit) move.getLeftValue();
        RouteVisit right = (RouteVisit) move.getRightValue();
        TravelMatrix m = left.matrixOf();
        return m.near(left.getLocation(), right.getLocation())
                || (right.getPrevious() != null && m.near(left.getLocation(), right.getPrevious().getLocation()))
                || (left.getPrevious() != null && m.near(right.getLocation(), left.getPrevious().getLocation()));
    }
}
