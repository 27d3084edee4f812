package com.fleetdesk.inventory;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;

interface StockTransferRepository extends JpaRepository<StockTransfer, Long> {

    /** Shipping and receiving lock the transfer, so it cannot ship or arrive twice. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from StockTransfer t where t.id = ?1")
    Optional<StockTransfer> findForUpdate(long id);
}
