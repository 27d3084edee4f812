package com.fleetdesk.maintenance;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.EntityValidation;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.fleet.VehicleType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Service schedules: read by everyone who plans or does maintenance, changed by administrators
 * and fleet managers. A change re-plans the next service of every vehicle of the type.
 */
@Service
public class ServiceScheduleService {

    private final ServiceScheduleRepository schedules;
    private final ServicePlanner planner;
    private final FleetDirectory fleet;
    private final EntityValidation validation;
    private final ApplicationEventPublisher events;

    ServiceScheduleService(ServiceScheduleRepository schedules, ServicePlanner planner, FleetDirectory fleet, EntityValidation validation,
                           ApplicationEventPublisher events) {
        this.schedules = schedules;
        this.planner = planner;
        this.fleet = fleet;
        this.validation = validation;
        this.events = events;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional(readOnly = true)
    public List<ServiceSchedule> list() {
        return schedules.findAllByOrderByVehicleTypeAscVehicleModelAscNameAsc();
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional(readOnly = true)
    public Optional<ServiceSchedule> find(long id) {
        return schedules.findById(id);
    }

    /** Active schedules that apply to a vehicle of this type and model (a model's own schedule replaces the type's of the same name). */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional(readOnly = true)
    public List<ServiceSchedule> applicableTo(VehicleType type, String model) {
        var facts = new FleetDirectory.ServiceFacts(0, "", "", model, 0, type, null, null, null, null);
        return ServicePlanner.applicable(schedules.findByActiveTrueOrderByNameAsc(), facts);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public ServiceSchedule save(ServiceSchedule schedule) {
        validation.require(schedule);
        if (schedule.getIntervalKm() == null && schedule.getIntervalMonths() == null) {
            throw new InvalidInputException("intervalKm", "Give an interval in km, in months, or both.");
        }
        VehicleType previousType = null;
        if (!schedule.isNew()) {
            previousType = schedules.findById(schedule.getId())
                    .orElseThrow(() -> new InvalidInputException("This schedule no longer exists.")).getVehicleType();
        }
        for (ServiceSchedule other : schedules.findAll()) {
            if (!other.getId().equals(schedule.getId()) && other.getVehicleType() == schedule.getVehicleType()
                    && other.getName().equalsIgnoreCase(schedule.getName())
                    && Objects.equals(lower(other.getVehicleModel()), lower(schedule.getVehicleModel()))) {
                throw new InvalidInputException("name", "There is already a schedule named " + schedule.getName() + " for "
                        + schedule.appliesToText() + ".");
            }
        }
        try {
            ServiceSchedule saved = schedules.saveAndFlush(schedule);
            planner.refreshNextService(fleet.serviceFacts(null, saved.getVehicleType()));
            if (previousType != null && previousType != saved.getVehicleType()) {
                planner.refreshNextService(fleet.serviceFacts(null, previousType));
            }
            events.publishEvent(new ServiceSchedulesChanged(saved.getId()));
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("Schedule " + schedule.getName());
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }
}
