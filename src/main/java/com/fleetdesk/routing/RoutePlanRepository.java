package com.fleetdesk.routing;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface RoutePlanRepository extends JpaRepository<RoutePlan, Long> {

    @Query("select p from RoutePlan p where p.depotId in :depots order by p.planDate desc, p.id desc")
    List<RoutePlan> findByDepots(Collection<Long> depots);

    @Query("select p from RoutePlan p order by p.planDate desc, p.id desc")
    List<RoutePlan> findAllNewestFirst();

    @EntityGraph(attributePaths = "vehicles")
    Optional<RoutePlan> findWithVehiclesById(long id);

    boolean existsByDepotIdAndStatusAndIdNot(long depotId, RoutePlanStatus status, long id);

    List<RoutePlan> findByStatus(RoutePlanStatus status);
}
