package com.fleetdesk.telematics;

import org.springframework.data.jpa.repository.JpaRepository;

interface VehicleAlertRepository extends JpaRepository<VehicleAlert, Long> {
}
