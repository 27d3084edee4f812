package com.fleetdesk.telematics;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code mqtt} in {@code /actuator/health}: DOWN while this node has lost the broker (it keeps reconnecting by itself),
 * so monitoring sees an outage in which trackers' positions do not arrive. Not part of the readiness group: the node
 * still serves its users meanwhile.
 */
@Component
@ConditionalOnExpression("!'${fleetdesk.mqtt.url:}'.isBlank()")
class MqttHealthIndicator implements HealthIndicator {

    private final MqttIngest ingest;

    MqttHealthIndicator(MqttIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    public Health health() {
        FleetPositionService.MqttStatus s = ingest.status();
        Health.Builder health = s.ready() ? Health.up() : s.downSince() != null ? Health.down() : Health.unknown();
        health.withDetail("broker", s.broker()).withDetail("clientId", s.clientId()).withDetail("pending", s.pending());
        if (s.downSince() != null) {
            health.withDetail("downSince", s.downSince().toString());
        }
        return health.build();
    }
}
