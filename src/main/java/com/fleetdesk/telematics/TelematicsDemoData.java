package com.fleetdesk.telematics;

import com.fleetdesk.base.demo.DemoDataContributor;
import com.fleetdesk.base.demo.DemoDataSettings;
import com.fleetdesk.fleet.FleetDirectory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.random.RandomGenerator;

/** Sensible alert rules for every depot and a geofence around each depot's yard. */
@Component
class TelematicsDemoData implements DemoDataContributor {

    private final AlertRuleRepository rules;
    private final GeofenceRepository geofences;
    private final FleetDirectory fleet;

    TelematicsDemoData(AlertRuleRepository rules, GeofenceRepository geofences, FleetDirectory fleet) {
        this.rules = rules;
        this.geofences = geofences;
        this.fleet = fleet;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public boolean alreadyLoaded() {
        return rules.count() > 0;
    }

    @Override
    @Transactional
    public void load(DemoDataSettings settings, RandomGenerator random) {
        for (double[] depot : fleet.depotLocations()) {
            long depotId = (long) depot[0];
            geofences.save(Geofence.circle(depotId, "Depot yard " + depotId, depot[1], depot[2], 300));
            rules.save(new AlertRule(depotId, AlertKind.OVERSPEED, 100.0, 30, null, AlertSeverity.HIGH));
            rules.save(new AlertRule(depotId, AlertKind.HARSH_BRAKING, null, 0, null, AlertSeverity.MEDIUM));
            rules.save(new AlertRule(depotId, AlertKind.HARSH_ACCELERATION, null, 0, null, AlertSeverity.LOW));
            rules.save(new AlertRule(depotId, AlertKind.ENGINE_OVERHEAT, 110.0, 60, null, AlertSeverity.CRITICAL));
            rules.save(new AlertRule(depotId, AlertKind.LOW_FUEL, 12.0, 0, null, AlertSeverity.MEDIUM));
            rules.save(new AlertRule(depotId, AlertKind.LOW_BATTERY, 11.8, 300, null, AlertSeverity.MEDIUM));
            rules.save(new AlertRule(depotId, AlertKind.DEVICE_OFFLINE, 30.0, 0, null, AlertSeverity.MEDIUM));
            rules.save(new AlertRule(depotId, AlertKind.MAINTENANCE_DUE, 500.0, 0, null, AlertSeverity.LOW));
        }
    }
}
