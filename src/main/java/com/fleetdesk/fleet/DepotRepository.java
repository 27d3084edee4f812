package com.fleetdesk.fleet;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface DepotRepository extends JpaRepository<Depot, Long> {

    List<Depot> findAllByOrderByName();

    List<Depot> findByIdInOrderByName(Collection<Long> ids);

    Optional<Depot> findByNameIgnoreCase(String name);
}
