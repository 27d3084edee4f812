package com.fleetdesk.trips;

import org.springframework.data.jpa.repository.JpaRepository;

interface TripLogRepository extends JpaRepository<TripLog, Long> {
}
