package com.fleetdesk.inventory;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;

interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {

    /** Receiving locks the order, so two people booking the last outstanding units cannot both succeed. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from PurchaseOrder o where o.id = ?1")
    Optional<PurchaseOrder> findForUpdate(long id);

    /** Editing bumps the order's version even when only its lines change, so a stale edit of the draft is refused. */
    @Lock(LockModeType.OPTIMISTIC_FORCE_INCREMENT)
    @Query("select o from PurchaseOrder o where o.id = ?1")
    Optional<PurchaseOrder> findForEdit(long id);
}
