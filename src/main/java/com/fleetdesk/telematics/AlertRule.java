package com.fleetdesk.telematics;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.domain.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** One thing to watch for at a depot, with its threshold, minimum duration and severity. */
@Entity
@Table(name = "alert_rule")
public class AlertRule extends AuditedEntity {

    @NotNull(message = "Choose the depot")
    @Column(name = "depot_id")
    private Long depotId;

    @NotNull(message = "Choose what to watch")
    @Enumerated(EnumType.STRING)
    private AlertKind kind;

    private Double threshold;

    @NotNull
    @Min(value = 0, message = "Must not be negative")
    @Column(name = "min_duration_s")
    private Integer minDurationSeconds = 0;

    @Column(name = "geofence_id")
    private Long geofenceId;

    @NotNull(message = "Choose the severity")
    @Enumerated(EnumType.STRING)
    private AlertSeverity severity = AlertSeverity.MEDIUM;

    private boolean active = true;

    protected AlertRule() {
    }

    public AlertRule(long depotId, AlertKind kind, Double threshold, int minDurationSeconds, Long geofenceId, AlertSeverity severity) {
        this.depotId = depotId;
        this.kind = kind;
        this.threshold = threshold;
        this.minDurationSeconds = minDurationSeconds;
        this.geofenceId = geofenceId;
        this.severity = severity;
    }

    void requireComplete() {
        if (kind.needsThreshold() && threshold == null) {
            throw new InvalidInputException("threshold", kind.label() + " needs a threshold in " + kind.unit());
        }
        if (threshold != null && (threshold < 0 || threshold > 100_000)) {
            throw new InvalidInputException("threshold", "The threshold must be between 0 and 100,000");
        }
        if (kind.needsGeofence() && geofenceId == null) {
            throw new InvalidInputException("geofenceId", "Choose the geofence to watch");
        }
        if (!kind.needsGeofence()) {
            geofenceId = null;
        }
        if (!kind.needsThreshold()) {
            threshold = null;
        }
    }

    public String describe() {
        String base = kind.label() + (threshold == null ? "" : " " + (kind == AlertKind.LOW_FUEL || kind == AlertKind.LOW_BATTERY ? "below " : "above ")
                + trim(threshold) + " " + kind.unit());
        if (kind == AlertKind.DEVICE_OFFLINE || kind == AlertKind.MAINTENANCE_DUE) {
            base = kind.label() + " (" + trim(threshold) + " " + kind.unit() + ")";
        }
        return base + (minDurationSeconds != null && minDurationSeconds > 0 ? " for " + minDurationSeconds + " s" : "");
    }

    private static String trim(Double d) {
        return d == null ? "" : d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
    }

    public Long getDepotId() {
        return depotId;
    }

    public void setDepotId(Long depotId) {
        this.depotId = depotId;
    }

    public AlertKind getKind() {
        return kind;
    }

    public void setKind(AlertKind kind) {
        this.kind = kind;
    }

    public Double getThreshold() {
        return threshold;
    }

    public void setThreshold(Double threshold) {
        this.threshold = threshold;
    }

    public Integer getMinDurationSeconds() {
        return minDurationSeconds;
    }

    public void setMinDurationSeconds(Integer minDurationSeconds) {
        this.minDurationSeconds = minDurationSeconds;
    }

    public Long getGeofenceId() {
        return geofenceId;
    }

    public void setGeofenceId(Long geofenceId) {
        this.geofenceId = geofenceId;
    }

    public AlertSeverity getSeverity() {
        return severity;
    }

    public void setSeverity(AlertSeverity severity) {
        this.severity = severity;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }
}
