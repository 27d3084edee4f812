package com.fleetdesk.telematics;

import com.fleetdesk.base.domain.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** Something that happened to a vehicle and needs a person: OPEN → ACKNOWLEDGED → RESOLVED, with who and when. */
@Entity
@com.fleetdesk.base.audit.Audited
@Table(name = "vehicle_alert")
public class VehicleAlert {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Version
    private long version;

    @Column(name = "vehicle_id")
    private Long vehicleId;

    @Column(name = "vehicle_registration")
    private String vehicleRegistration;

    @Column(name = "depot_id")
    private Long depotId;

    @Column(name = "rule_id")
    private Long ruleId;

    @Enumerated(EnumType.STRING)
    private AlertKind kind;

    @Enumerated(EnumType.STRING)
    private AlertSeverity severity;

    private String message;

    @Enumerated(EnumType.STRING)
    private AlertStatus status = AlertStatus.OPEN;

    @Column(name = "condition_key")
    private String conditionKey;

    @Column(name = "raised_at")
    private Instant raisedAt;

    private Double latitude;
    private Double longitude;

    @Column(name = "measured_value")
    private Double measuredValue;

    @Column(name = "acknowledged_by")
    private String acknowledgedBy;

    @Column(name = "acknowledged_at")
    private Instant acknowledgedAt;

    @Column(name = "resolved_by")
    private String resolvedBy;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolution_note")
    private String resolutionNote;

    protected VehicleAlert() {
    }

    VehicleAlert(long vehicleId, String registration, long depotId, AlertRule rule, String message, Instant raisedAt,
                 Double lat, Double lon, Double value) {
        this.vehicleId = vehicleId;
        this.vehicleRegistration = registration;
        this.depotId = depotId;
        this.ruleId = rule.getId();
        this.kind = rule.getKind();
        this.severity = rule.getSeverity();
        this.message = message.length() > 300 ? message.substring(0, 297) + "..." : message;
        this.raisedAt = raisedAt;
        this.latitude = lat;
        this.longitude = lon;
        this.measuredValue = value;
        this.conditionKey = rule.getKind().isCondition() ? rule.getId() + ":" + vehicleId : null;
    }

    void acknowledge(String who, Instant when) {
        if (status != AlertStatus.OPEN) {
            throw new InvalidInputException("status", "Only an open alert can be acknowledged; this one is " + status.label().toLowerCase());
        }
        status = AlertStatus.ACKNOWLEDGED;
        acknowledgedBy = who;
        acknowledgedAt = when;
    }

    void resolve(String who, Instant when, String note) {
        if (status == AlertStatus.RESOLVED) {
            throw new InvalidInputException("status", "This alert is already resolved");
        }
        if (acknowledgedAt == null) {
            acknowledgedBy = who;
            acknowledgedAt = when;
        }
        status = AlertStatus.RESOLVED;
        resolvedBy = who;
        resolvedAt = when;
        resolutionNote = note == null || note.isBlank() ? null : note.strip();
    }

    public Long getId() { return id; }
    public long getVersion() { return version; }
    public Long getVehicleId() { return vehicleId; }
    public String getVehicleRegistration() { return vehicleRegistration; }
    public Long getDepotId() { return depotId; }
    public Long getRuleId() { return ruleId; }
    public AlertKind getKind() { return kind; }
    public AlertSeverity getSeverity() { return severity; }
    public String getMessage() { return message; }
    public AlertStatus getStatus() { return status; }
    public Instant getRaisedAt() { return raisedAt; }
    public Double getLatitude() { return latitude; }
    public Double getLongitude() { return longitude; }
    public Double getMeasuredValue() { return measuredValue; }
    public String getAcknowledgedBy() { return acknowledgedBy; }
    public Instant getAcknowledgedAt() { return acknowledgedAt; }
    public String getResolvedBy() { return resolvedBy; }
    public Instant getResolvedAt() { return resolvedAt; }
    public String getResolutionNote() { return resolutionNote; }
}
