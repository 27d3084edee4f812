package com.fleetdesk.telematics;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

interface GeofenceRepository extends JpaRepository<Geofence, Long> {
    List<Geofence> findByDepotIdInOrderByName(Collection<Long> depotIds);

    List<Geofence> findAllByOrderByName();
}
