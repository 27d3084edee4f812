package com.fleetdesk.inventory;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;

interface CycleCountRepository extends JpaRepository<CycleCount, Long> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from CycleCount c where c.id = ?1")
    Optional<CycleCount> findForUpdate(long id);
}
