package com.fleetdesk.trips;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface TripPolicyRuleRepository extends JpaRepository<TripPolicyRule, Long> {

    List<TripPolicyRule> findAllByOrderByKindAscIdAsc();

    List<TripPolicyRule> findByActiveTrue();
}
