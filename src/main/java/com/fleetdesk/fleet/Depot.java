package com.fleetdesk.fleet;

import com.fleetdesk.base.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.DateTimeException;
import java.time.ZoneId;

/** A base the fleet operates from: vehicles and drivers belong to one, managers run one or more. */
@Entity
@Table(name = "depot")
public class Depot extends AuditedEntity {

    @NotBlank(message = "Enter the depot's name")
    @Size(max = 120, message = "At most 120 characters")
    private String name;

    @NotBlank(message = "Enter the depot's address")
    @Size(max = 255, message = "At most 255 characters")
    private String address;

    @NotNull(message = "Enter the latitude")
    @DecimalMin(value = "-90", message = "Latitude must be between -90 and 90")
    @DecimalMax(value = "90", message = "Latitude must be between -90 and 90")
    private Double latitude;

    @NotNull(message = "Enter the longitude")
    @DecimalMin(value = "-180", message = "Longitude must be between -180 and 180")
    @DecimalMax(value = "180", message = "Longitude must be between -180 and 180")
    private Double longitude;

    @NotBlank(message = "Choose the depot's time zone")
    @Column(name = "time_zone")
    private String timeZone = "UTC";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? null : name.strip();
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public Double getLatitude() {
        return latitude;
    }

    public void setLatitude(Double latitude) {
        this.latitude = latitude;
    }

    public Double getLongitude() {
        return longitude;
    }

    public void setLongitude(Double longitude) {
        this.longitude = longitude;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("Unknown time zone: " + timeZone);
            }
        }
        this.timeZone = timeZone;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    @Override
    public String toString() {
        return name;
    }
}
