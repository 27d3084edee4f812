package com.fleetdesk.telematics;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

interface AlertRuleRepository extends JpaRepository<AlertRule, Long> {
    List<AlertRule> findByActiveTrue();

    List<AlertRule> findByDepotIdInOrderByDepotIdAscKindAsc(Collection<Long> depotIds);

    List<AlertRule> findAllByOrderByDepotIdAscKindAsc();
}
