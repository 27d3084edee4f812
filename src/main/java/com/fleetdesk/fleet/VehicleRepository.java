package com.fleetdesk.fleet;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import java.util.Optional;

interface VehicleRepository extends JpaRepository<Vehicle, Long>, JpaSpecificationExecutor<Vehicle> {

    @Override
    @EntityGraph(attributePaths = {"depot", "currentDriver"})
    Page<Vehicle> findAll(Specification<Vehicle> spec, Pageable pageable);

    @EntityGraph(attributePaths = {"depot", "currentDriver"})
    Optional<Vehicle> findWithDepotById(Long id);

    Optional<Vehicle> findByRegistrationIgnoreCase(String registration);

    Optional<Vehicle> findByVin(String vin);

    Optional<Vehicle> findByTrackerDeviceId(String trackerDeviceId);
}
