package com.fleetdesk.inventory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A warehouse or service centre as its form edits it; the manager receives its low-stock alerts. */
public class LocationForm {

    private Long id;
    private long version;
    @NotNull(message = "Choose warehouse or service centre")
    private LocationKind kind = LocationKind.WAREHOUSE;
    @NotBlank(message = "Give the location a name")
    @Size(max = 120, message = "At most 120 characters")
    private String name;
    @NotBlank(message = "Give the location's region")
    @Size(max = 120, message = "At most 120 characters")
    private String region;
    private Long depotId;
    @Size(max = 100, message = "At most 100 characters")
    private String managerUsername;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public LocationKind getKind() {
        return kind;
    }

    public void setKind(LocationKind kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public Long getDepotId() {
        return depotId;
    }

    public void setDepotId(Long depotId) {
        this.depotId = depotId;
    }

    public String getManagerUsername() {
        return managerUsername;
    }

    public void setManagerUsername(String managerUsername) {
        this.managerUsername = managerUsername;
    }
}
