package com.fleetdesk.trips;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface TripApprovalRepository extends JpaRepository<TripApproval, Long> {

    List<TripApproval> findByTripIdOrderByActedAtAscIdAsc(Long tripId);
}
