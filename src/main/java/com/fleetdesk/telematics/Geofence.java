package com.fleetdesk.telematics;

import com.fleetdesk.base.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.ArrayList;
import java.util.List;

/** An area on the map (circle or polygon) whose crossings raise alerts. */
@Entity
@Table(name = "geofence")
public class Geofence extends AuditedEntity {

    public enum Shape { CIRCLE, POLYGON }

    static final int MAX_POINTS = 500;

    @NotNull(message = "Choose the depot")
    @Column(name = "depot_id")
    private Long depotId;

    @NotBlank(message = "Name the geofence")
    @Size(max = 120, message = "At most 120 characters")
    private String name;

    @NotNull
    @Enumerated(EnumType.STRING)
    private Shape shape;

    @Column(name = "center_lat")
    private Double centerLat;

    @Column(name = "center_lon")
    private Double centerLon;

    @Column(name = "radius_m")
    private Double radiusM;

    /** Polygon vertices as "lat,lon;lat,lon;..." */
    private String points;

    protected Geofence() {
    }

    public static Geofence circle(long depotId, String name, double lat, double lon, double radiusM) {
        requireCoordinate(lat, lon);
        if (!(radiusM >= 10 && radiusM <= 100_000)) {
            throw new com.fleetdesk.base.domain.InvalidInputException("radiusM", "A circle's radius must be 10 m to 100 km");
        }
        Geofence g = new Geofence();
        g.depotId = depotId;
        g.name = name;
        g.shape = Shape.CIRCLE;
        g.centerLat = lat;
        g.centerLon = lon;
        g.radiusM = radiusM;
        return g;
    }

    public static Geofence polygon(long depotId, String name, List<double[]> vertices) {
        if (vertices == null || vertices.size() < 3) {
            throw new com.fleetdesk.base.domain.InvalidInputException("points", "A polygon needs at least three corners");
        }
        if (vertices.size() > MAX_POINTS) {
            throw new com.fleetdesk.base.domain.InvalidInputException("points", "A polygon may have at most " + MAX_POINTS + " corners");
        }
        StringBuilder sb = new StringBuilder();
        for (double[] v : vertices) {
            requireCoordinate(v[0], v[1]);
            if (!sb.isEmpty()) sb.append(';');
            sb.append(v[0]).append(',').append(v[1]);
        }
        Geofence g = new Geofence();
        g.depotId = depotId;
        g.name = name;
        g.shape = Shape.POLYGON;
        g.points = sb.toString();
        return g;
    }

    private static void requireCoordinate(double lat, double lon) {
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) {
            throw new com.fleetdesk.base.domain.InvalidInputException("points", "Coordinates must be within -90..90 and -180..180");
        }
    }

    /** Takes the shape of a newly drawn geofence, keeping this one's identity, name and alert rules. */
    public void reshapeFrom(Geofence drawn) {
        this.shape = drawn.shape;
        this.centerLat = drawn.centerLat;
        this.centerLon = drawn.centerLon;
        this.radiusM = drawn.radiusM;
        this.points = drawn.points;
    }

    public List<double[]> vertices() {
        List<double[]> result = new ArrayList<>();
        if (points != null) {
            for (String pair : points.split(";")) {
                String[] p = pair.split(",");
                result.add(new double[]{Double.parseDouble(p[0]), Double.parseDouble(p[1])});
            }
        }
        return result;
    }

    /** Whether a point lies inside: haversine distance for circles, ray casting for polygons. */
    public boolean contains(double lat, double lon) {
        if (shape == Shape.CIRCLE) {
            return Trail.distanceKm(new TrailPoint(null, centerLat, centerLon, null, null), new TrailPoint(null, lat, lon, null, null)) * 1000 <= radiusM;
        }
        List<double[]> v = vertices();
        boolean inside = false;
        for (int i = 0, j = v.size() - 1; i < v.size(); j = i++) {
            double yi = v.get(i)[0], xi = v.get(i)[1], yj = v.get(j)[0], xj = v.get(j)[1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }

    public Long getDepotId() {
        return depotId;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name == null ? null : name.strip();
    }

    public Shape getShape() {
        return shape;
    }

    public Double getCenterLat() {
        return centerLat;
    }

    public Double getCenterLon() {
        return centerLon;
    }

    public Double getRadiusM() {
        return radiusM;
    }
}
