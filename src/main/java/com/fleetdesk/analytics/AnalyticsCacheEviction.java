package com.fleetdesk.analytics;

import com.fleetdesk.fleet.DepotChanged;
import com.fleetdesk.fleet.DriverChanged;
import com.fleetdesk.fleet.VehicleChanged;
import com.fleetdesk.inventory.StockChanged;
import com.fleetdesk.telematics.AlertChanged;
import com.fleetdesk.telematics.VehiclesMoved;
import com.fleetdesk.trips.TripChanged;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Evicts cached aggregates when the data behind them changes. It runs after the change
 * commits and before the live-event bus wakes open dashboards (highest precedence), so a
 * dashboard that refreshes on the same event reads fresh numbers.
 */
@Component
class AnalyticsCacheEviction {

    private final AnalyticsCaches caches;
    private final DashboardScope scope;

    AnalyticsCacheEviction(AnalyticsCaches caches, DashboardScope scope) {
        this.caches = caches;
        this.scope = scope;
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    void on(TripChanged event) {
        caches.evict(AnalyticsCaches.Source.TRIPS, key -> touchesDepot(key, event.depotId()));
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    void on(AlertChanged event) {
        caches.evict(AnalyticsCaches.Source.ALERTS, key -> touchesDepot(key, event.depotId()));
    }

    /** New positions only change days around today: older ranges keep their entries. */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    void on(VehiclesMoved event) {
        var today = scope.today();
        caches.evict(AnalyticsCaches.Source.POSITIONS, key -> key instanceof DashboardQuery q
                && (q.includesDay(today) || q.includesDay(today.minusDays(1))));
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    void on(StockChanged event) {
        caches.evict(AnalyticsCaches.Source.STOCK, key -> true);
    }

    /** A conversation changed: support figures are small and few, so all of them are recomputed. */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    void on(com.fleetdesk.support.SupportConversationChanged event) {
        caches.evict(AnalyticsCaches.Source.SUPPORT, key -> true);
    }

    /** Names, depots and fleet membership appear in most aggregates: start afresh. */
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    void on(VehicleChanged event) {
        caches.evictAll();
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    void on(DriverChanged event) {
        caches.evictAll();
    }

    @Order(Ordered.HIGHEST_PRECEDENCE)
    @TransactionalEventListener(fallbackExecution = true)
    void on(DepotChanged event) {
        caches.evictAll();
    }

    private static boolean touchesDepot(Object key, long depotId) {
        return !(key instanceof DashboardQuery q) || q.depots().contains(depotId);
    }
}
