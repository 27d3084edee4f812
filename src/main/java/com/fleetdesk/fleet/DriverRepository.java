package com.fleetdesk.fleet;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

import java.util.Optional;

interface DriverRepository extends JpaRepository<Driver, Long>, JpaSpecificationExecutor<Driver> {

    @Override
    @EntityGraph(attributePaths = {"depot", "userAccount"})
    Page<Driver> findAll(Specification<Driver> spec, Pageable pageable);

    @EntityGraph(attributePaths = {"depot", "userAccount"})
    Optional<Driver> findWithDepotById(Long id);

    Optional<Driver> findByLicenceNumberIgnoreCase(String licenceNumber);

    Optional<Driver> findByUserAccountUsername(String username);
}
