package com.fleetdesk.maintenance;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.fleet.DepotScope;
import com.fleetdesk.fleet.FleetAccess;
import com.fleetdesk.fleet.FleetDirectory;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleStatus;
import com.fleetdesk.inventory.PartInfo;
import com.fleetdesk.inventory.StockLedger;
import com.fleetdesk.inventory.StockLocationInfo;
import com.fleetdesk.inventory.StockService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Work orders, from opening to done or cancelled. Administrators see all depots, fleet
 * managers and technicians those of their own depots (warehouse staff may read them, for the
 * parts). Parts are reserved at a stock location when added, issued from it in the same
 * transaction as the order is completed (reference = the work order number), released when a
 * line is removed or the order cancelled. The vehicle is in maintenance while an order on it is
 * in progress; completing an order records the service and re-plans the next one.
 */
@Service
public class WorkOrderService {

    static final String[] READERS = {Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN, Authority.WAREHOUSE};

    private final WorkOrderRepository orders;
    private final ServiceScheduleRepository schedules;
    private final ServicePlanner planner;
    private final VehicleService vehicles;
    private final FleetDirectory fleet;
    private final FleetAccess access;
    private final StockLedger ledger;
    private final StockService stock;
    private final UserNotificationService notifications;
    private final ApplicationEventPublisher events;
    private final EntityManager em;
    private final JdbcClient jdbc;
    private final BigDecimal defaultLabourRate;

    WorkOrderService(WorkOrderRepository orders, ServiceScheduleRepository schedules, ServicePlanner planner, VehicleService vehicles,
                     FleetDirectory fleet, FleetAccess access, StockLedger ledger, StockService stock,
                     UserNotificationService notifications, ApplicationEventPublisher events, EntityManager em, JdbcClient jdbc,
                     @Value("${fleetdesk.maintenance.labour-rate:65.00}") BigDecimal defaultLabourRate) {
        this.orders = orders;
        this.schedules = schedules;
        this.planner = planner;
        this.vehicles = vehicles;
        this.fleet = fleet;
        this.access = access;
        this.ledger = ledger;
        this.stock = stock;
        this.notifications = notifications;
        this.events = events;
        this.em = em;
        this.jdbc = jdbc;
        this.defaultLabourRate = defaultLabourRate;
    }

    // ---- reading -------------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public List<WorkOrder> page(WorkOrderFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 0 || limit > 1000) {
            throw new InvalidInputException("Ask for at most 1000 work orders from a non-negative offset");
        }
        CriteriaBuilder cb = em.getCriteriaBuilder();
        var query = cb.createQuery(WorkOrder.class);
        Root<WorkOrder> root = query.from(WorkOrder.class);
        query.where(where(filter, access.currentScope(), cb, root)).orderBy(cb.desc(root.get("id")));
        return em.createQuery(query).setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public long count(WorkOrderFilter filter) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        var query = cb.createQuery(Long.class);
        Root<WorkOrder> root = query.from(WorkOrder.class);
        query.select(cb.count(root)).where(where(filter, access.currentScope(), cb, root));
        return em.createQuery(query).getSingleResult();
    }

    /** The order with its tasks and parts, if the caller may see it. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public Optional<WorkOrder> find(long id) {
        DepotScope scope = access.currentScope();
        return orders.findWithDetailsById(id).filter(w -> scope.includes(w.getDepotId())).map(w -> {
            w.getParts().size();
            return w;
        });
    }

    /** Technicians a work order can be given to: those who work at its depot. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public List<FleetDirectory.StaffMember> technicians(long workOrderId) {
        return find(workOrderId).map(w -> fleet.technicians(w.getDepotId())).orElse(List.of());
    }

    /** Stock locations to take parts from for this order: its depot's service centre first. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN, Authority.WAREHOUSE})
    @Transactional(readOnly = true)
    public List<StockLocationInfo> partLocations(long workOrderId) {
        long depot = find(workOrderId).map(WorkOrder::getDepotId).orElse(-1L);
        List<StockLocationInfo> all = new ArrayList<>(stock.locations());
        all.sort(java.util.Comparator.comparing((StockLocationInfo l) -> l.depotId() == null || l.depotId() != depot));
        return all;
    }

    // ---- opening -------------------------------------------------------------------------

    /** Opens a work order on a vehicle, for a schedule (its checklist becomes the tasks) or for other work. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder create(long vehicleId, Long scheduleId, String title) {
        Vehicle vehicle = vehicles.find(vehicleId)
                .orElseThrow(() -> new InvalidInputException("vehicle", "Choose a vehicle of your own depots."));
        access.requireDepot(vehicle.getDepot().getId(), "open work orders");
        if (vehicle.getStatus() == VehicleStatus.RETIRED) {
            throw new InvalidInputException("vehicle", vehicle.getRegistration() + " is retired: it gets no more work orders.");
        }
        ServiceSchedule schedule = null;
        if (scheduleId != null) {
            schedule = schedules.findById(scheduleId).orElseThrow(() -> new InvalidInputException("schedule", "This schedule no longer exists."));
            if (!schedule.appliesTo(vehicle.getType(), vehicle.getModel())) {
                throw new InvalidInputException("schedule", schedule.getName() + " is for " + schedule.appliesToText() + ", not for "
                        + vehicle.displayName() + ".");
            }
            final long sid = schedule.getId();
            Optional<WorkOrder> already = orders.findByStatusIn(List.of(WorkOrderStatus.OPEN, WorkOrderStatus.IN_PROGRESS)).stream()
                    .filter(w -> w.getVehicleId() == vehicleId && w.getSchedule() != null && w.getSchedule().getId() == sid).findFirst();
            if (already.isPresent()) {
                throw new InvalidInputException("schedule", already.get().getNumber() + " is already open for the " + schedule.getName()
                        + " of " + vehicle.getRegistration() + ".");
            }
        }
        String name = title == null || title.isBlank() ? (schedule == null ? null : schedule.getName()) : title;
        String number = "WO-" + jdbc.sql("select nextval('work_order_number_seq')").query(Long.class).single();
        WorkOrder order = new WorkOrder(number, vehicle.getId(), vehicle.getRegistration(), vehicle.getMake() + " " + vehicle.getModel(),
                vehicle.getDepot().getId(), schedule, name, defaultLabourRate);
        return save(order);
    }

    // ---- state ---------------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder start(long id) {
        WorkOrder order = lock(id, "start work orders");
        order.start(Instant.now());
        Vehicle vehicle = vehicle(order);
        if (vehicle.getStatus() == VehicleStatus.RETIRED) {
            throw new InvalidInputException("status", vehicle.getRegistration() + " is retired: work on it cannot start.");
        }
        if (vehicle.getStatus() != VehicleStatus.IN_MAINTENANCE) {
            vehicles.changeStatus(order.getVehicleId(), VehicleStatus.IN_MAINTENANCE);
        }
        return save(order);
    }

    /** Done: parts are issued from stock, the service is recorded at {@code odometerKm} on {@code completedOn}. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder complete(long id, BigDecimal odometerKm, LocalDate completedOn) {
        WorkOrder order = lock(id, "complete work orders");
        order.complete(odometerKm, completedOn, planner.today(), Instant.now());
        for (WorkOrderPart line : order.getParts()) {
            if (!line.isIssued()) {
                // The reservation becomes an issue: released and issued in this one transaction.
                ledger.release(line.getPartId(), line.getLocationId(), line.getQuantity(), order.getNumber());
                ledger.issue(line.getPartId(), line.getLocationId(), line.getQuantity(), null, order.getNumber());
                line.markIssued();
            }
        }
        vehicleBackInService(order);
        WorkOrder saved = save(order);
        planner.refreshNextService(order.getVehicleId());
        return saved;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder cancel(long id, String reason) {
        WorkOrder order = lock(id, "cancel work orders");
        boolean wasInProgress = order.getStatus() == WorkOrderStatus.IN_PROGRESS;
        order.cancel(reason, Instant.now());
        for (WorkOrderPart line : order.getParts()) {
            ledger.release(line.getPartId(), line.getLocationId(), line.getQuantity(), order.getNumber());
        }
        if (wasInProgress) {
            vehicleBackInService(order);
        }
        return save(order);
    }

    /** Gives the order to a technician of its depot (null: nobody); technicians may only take orders themselves. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder assign(long id, String technicianUsername) {
        WorkOrder order = lock(id, "assign work orders");
        String me = CurrentUser.requireUsername();
        String username = technicianUsername == null || technicianUsername.isBlank() ? null : technicianUsername.strip();
        if (!CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER) && (username == null || !username.equalsIgnoreCase(me))) {
            throw new AccessDeniedException("Technicians can only take work orders themselves.");
        }
        if (username != null) {
            String candidate = username;
            username = fleet.technicians(order.getDepotId()).stream().map(FleetDirectory.StaffMember::username)
                    .filter(u -> u.equalsIgnoreCase(candidate)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("technician", candidate + " is not a technician at this work order's depot."));
        }
        String before = order.getTechnicianUsername();
        order.assign(username);
        if (username != null && !username.equalsIgnoreCase(before) && !username.equalsIgnoreCase(me)) {
            notifications.post(username, "Work order " + order.getNumber() + " for " + order.getVehicleRegistration() + " was assigned to you: "
                    + order.getTitle(), "maintenance/work-order/" + order.getId());
        }
        return save(order);
    }

    // ---- contents ------------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder addTask(long id, String description) {
        WorkOrder order = lock(id, "change work orders");
        order.requireChangeable();
        order.addTask(description);
        return save(order);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder markTask(long id, long taskId, boolean done) {
        WorkOrder order = lock(id, "change work orders");
        order.markTask(taskId, done);
        return save(order);
    }

    /** Ticks off (or reopens) every task at once. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder markAllTasks(long id, boolean done) {
        WorkOrder order = lock(id, "change work orders");
        for (WorkOrderTask task : order.getTasks()) {
            order.markTask(task.getId(), done);
        }
        return save(order);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder removeTask(long id, long taskId) {
        WorkOrder order = lock(id, "change work orders");
        order.removeTask(taskId);
        return save(order);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder recordLabour(long id, BigDecimal hours, BigDecimal rate) {
        WorkOrder order = lock(id, "change work orders");
        order.recordLabour(hours, rate);
        return save(order);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder saveNotes(long id, String notes) {
        WorkOrder order = lock(id, "change work orders");
        order.setNotes(notes);
        return save(order);
    }

    /** Adds a part, reserving {@code quantity} of it at the location (refused, with nothing changed, when not enough is available). */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder addPart(long id, long partId, long locationId, BigDecimal quantity) {
        WorkOrder order = lock(id, "change work orders");
        order.requireChangeable();
        StockLocationInfo location = stock.locations().stream().filter(l -> l.id() == locationId).findFirst()
                .orElseThrow(() -> new InvalidInputException("location", "Choose a stock location."));
        PartInfo part = stock.part(partId).orElseThrow(() -> new InvalidInputException("part", "This part is not in the catalogue."));
        ledger.reserve(partId, locationId, quantity, order.getNumber());
        BigDecimal qty = quantity.stripTrailingZeros();
        order.addPart(partId, part.partNumber(), part.name(), part.unit().name(), locationId, location.name(),
                qty.scale() < 0 ? qty.setScale(0) : qty, part.unitCost());
        return save(order);
    }

    /** Removes a part line and releases its reservation. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.TECHNICIAN})
    @Transactional
    public WorkOrder removePart(long id, long lineId) {
        WorkOrder order = lock(id, "change work orders");
        WorkOrderPart line = order.removePart(lineId);
        ledger.release(line.getPartId(), line.getLocationId(), line.getQuantity(), order.getNumber());
        return save(order);
    }

    // ---- helpers -------------------------------------------------------------------------

    private WorkOrder lock(long id, String action) {
        WorkOrder order = orders.findForUpdate(id).orElseThrow(() -> new InvalidInputException("This work order no longer exists."));
        if (!access.currentScope().includes(order.getDepotId())) {
            throw new AccessDeniedException("You can only " + action + " for your own depots.");
        }
        return order;
    }

    private Vehicle vehicle(WorkOrder order) {
        return vehicles.find(order.getVehicleId())
                .orElseThrow(() -> new InvalidInputException("vehicle", "Vehicle " + order.getVehicleRegistration() + " no longer exists."));
    }

    /** Back to ACTIVE once no other order on the vehicle is in progress (a vehicle taken out of service stays so). */
    private void vehicleBackInService(WorkOrder order) {
        if (orders.countByVehicleIdAndStatusAndIdNot(order.getVehicleId(), WorkOrderStatus.IN_PROGRESS, order.getId()) == 0
                && vehicle(order).getStatus() == VehicleStatus.IN_MAINTENANCE) {
            vehicles.changeStatus(order.getVehicleId(), VehicleStatus.ACTIVE);
        }
    }

    private WorkOrder save(WorkOrder order) {
        try {
            WorkOrder saved = orders.saveAndFlush(order);
            // Callers read tasks, parts and the schedule after the transaction: load them now.
            saved.getTasks().size();
            saved.getParts().size();
            org.hibernate.Hibernate.initialize(saved.getSchedule());
            changed(saved);
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("Work order " + order.getNumber());
        }
    }

    private void changed(WorkOrder order) {
        events.publishEvent(new WorkOrderChanged(order.getId(), order.getVehicleId(), order.getDepotId()));
    }

    private static Predicate where(WorkOrderFilter f, DepotScope scope, CriteriaBuilder cb, Root<WorkOrder> root) {
        List<Predicate> where = new ArrayList<>();
        if (!scope.allDepots()) {
            where.add(scope.depotIds().isEmpty() ? cb.disjunction() : root.get("depotId").in(scope.depotIds()));
        }
        if (f.depotId() != null) {
            where.add(cb.equal(root.get("depotId"), f.depotId()));
        }
        if (f.status() != null) {
            where.add(cb.equal(root.get("status"), f.status()));
        }
        if (f.technicianUsername() != null) {
            where.add(cb.equal(cb.lower(root.get("technicianUsername")), f.technicianUsername().toLowerCase(Locale.ROOT)));
        }
        if (f.vehicleId() != null) {
            where.add(cb.equal(root.get("vehicleId"), f.vehicleId()));
        }
        if (f.text() != null && !f.text().isBlank()) {
            String like = "%" + f.text().strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add(cb.or(cb.like(cb.lower(root.get("number")), like, '\\'),
                    cb.like(cb.lower(root.get("vehicleRegistration")), like, '\\'),
                    cb.like(cb.lower(root.get("title")), like, '\\')));
        }
        return cb.and(where.toArray(Predicate[]::new));
    }
}
