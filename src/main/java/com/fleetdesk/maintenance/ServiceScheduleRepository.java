package com.fleetdesk.maintenance;

import com.fleetdesk.fleet.VehicleType;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

interface ServiceScheduleRepository extends JpaRepository<ServiceSchedule, Long> {

    List<ServiceSchedule> findAllByOrderByVehicleTypeAscVehicleModelAscNameAsc();

    List<ServiceSchedule> findByActiveTrueOrderByNameAsc();

    List<ServiceSchedule> findByVehicleTypeAndActiveTrue(VehicleType type);
}
