package com.fleetdesk.trips;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface TripExpenseRepository extends JpaRepository<TripExpense, Long> {

    List<TripExpense> findByTripIdOrderBySpentOnAscIdAsc(Long tripId);
}
