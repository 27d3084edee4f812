package com.fleetdesk.maintenance;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

interface WorkOrderRepository extends JpaRepository<WorkOrder, Long>, JpaSpecificationExecutor<WorkOrder> {

    @EntityGraph(attributePaths = {"schedule", "tasks"})
    Optional<WorkOrder> findWithDetailsById(Long id);

    /** The order locked for a change, so two people completing or cancelling it at once are serialised. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select w from WorkOrder w where w.id = :id")
    Optional<WorkOrder> findForUpdate(Long id);

    long countByVehicleIdAndStatusAndIdNot(long vehicleId, WorkOrderStatus status, Long id);

    List<WorkOrder> findByStatusIn(List<WorkOrderStatus> statuses);
}
