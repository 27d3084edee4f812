package com.fleetdesk.trips;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.EntityValidation;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.notifications.UserNotificationService;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.fleet.DepotScope;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.Driver;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.FleetAccess;
import com.fleetdesk.fleet.UserAccount;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Trip logs and their expenses: who may see, create, change, submit and decide them. Every
 * rule is checked here, whatever a screen shows: only the owner edits a draft or rejected
 * trip, only a fleet manager of the driver's depot (or an administrator) decides, nobody
 * decides their own trip.
 */
@Service
public class TripLogService {

    static final String[] VIEWERS = {Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF,
            Authority.SUPPORT_AGENT, Authority.DRIVER};
    static final String[] LOGGERS = {Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF,
            Authority.DRIVER};

    private final TripLogRepository trips;
    private final TripExpenseRepository expenses;
    private final TripApprovalRepository approvals;
    private final TripPolicyRuleRepository policy;
    private final TripQueries queries;
    private final VehicleService vehicles;
    private final DriverService drivers;
    private final DepotService depots;
    private final FleetAccess access;
    private final EntityValidation validation;
    private final UserNotificationService notifications;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    TripLogService(TripLogRepository trips, TripExpenseRepository expenses, TripApprovalRepository approvals,
                   TripPolicyRuleRepository policy, TripQueries queries, VehicleService vehicles, DriverService drivers,
                   DepotService depots, FleetAccess access, EntityValidation validation,
                   UserNotificationService notifications, ApplicationEventPublisher events) {
        this.trips = trips;
        this.expenses = expenses;
        this.approvals = approvals;
        this.policy = policy;
        this.queries = queries;
        this.vehicles = vehicles;
        this.drivers = drivers;
        this.depots = depots;
        this.access = access;
        this.validation = validation;
        this.notifications = notifications;
        this.events = events;
    }

    // ---- reading -------------------------------------------------------------------------

    /** One page of the trips the caller may see; the grid asks page by page, never for a count. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT, Authority.DRIVER})
    @Transactional(readOnly = true)
    public List<TripRow> page(TripFilter filter, List<TripSort> sort, int offset, int limit) {
        if (limit < 0 || limit > 1000 || offset < 0) {
            throw new InvalidInputException("Ask for at most 1000 trips from a non-negative offset");
        }
        return limit == 0 ? List.of() : queries.page(filter, scope(), sort, offset, limit);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT, Authority.DRIVER})
    @Transactional(readOnly = true)
    public long count(TripFilter filter) {
        return queries.count(filter, scope());
    }

    /** Feeds every trip matching the filter to {@code sink}, in grid order, through a database cursor. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT, Authority.DRIVER})
    @Transactional(readOnly = true)
    public void forEach(TripFilter filter, List<TripSort> sort, Consumer<TripRow> sink) {
        queries.stream(filter, scope(), sort, sink);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT, Authority.DRIVER})
    @Transactional(readOnly = true)
    public Optional<TripDetails> details(long tripId) {
        return trips.findById(tripId).filter(this::visible).map(this::detailsOf);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT, Authority.DRIVER})
    @Transactional(readOnly = true)
    public Optional<ReceiptFile> receipt(long expenseId) {
        return expenses.findById(expenseId)
                .filter(e -> e.hasReceipt() && visible(e.getTrip()))
                .map(e -> new ReceiptFile(e.getReceiptName(), e.getReceiptType(), queries.receipt(expenseId)));
    }

    /** What a planned trip will probably cost, from similar past trips. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT, Authority.DRIVER})
    @Transactional(readOnly = true)
    public CostEstimate estimate(VehicleType type, BigDecimal distanceKm, Duration duration, String currency) {
        if (type == null || distanceKm == null || distanceKm.signum() <= 0 || duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidInputException("Give the vehicle type, a distance above 0 km and a duration above 0 to estimate a trip's cost");
        }
        return queries.estimate(type.name(), distanceKm.doubleValue(), duration.toSeconds(), requireCurrency(currency, "currency"));
    }

    // ---- writing -------------------------------------------------------------------------

    /** Logs a new trip as a draft owned by the caller. Drivers log only their own trips. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.DRIVER})
    @Transactional
    public TripLog create(TripLog draft) {
        if (!draft.isNew()) {
            throw new InvalidInputException("This trip is already saved; edit it instead");
        }
        draft.assignOwner(CurrentUser.requireUsername());
        prepare(draft);
        TripLog saved = trips.saveAndFlush(draft);
        publish(saved, TripChanged.Kind.CREATED);
        return saved;
    }

    /** Saves changes to a draft or rejected trip; only its owner may. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.DRIVER})
    @Transactional
    public TripLog update(TripLog edited) {
        TripLog stored = trips.findById(edited.getId()).orElseThrow(() -> new InvalidInputException("This trip no longer exists"));
        requireOwnerEditable(stored);
        if (stored.getVersion() != edited.getVersion()) {
            throw new ChangedBySomeoneElseException("Trip \"" + stored.getPurpose() + "\"");
        }
        edited.assignOwner(stored.getOwnerUsername());
        prepare(edited);
        try {
            TripLog saved = trips.saveAndFlush(edited);
            recalculateCosts(saved);
            publish(saved, TripChanged.Kind.EDITED);
            return saved;
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("Trip \"" + edited.getPurpose() + "\"");
        }
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.DRIVER})
    @Transactional
    public TripLog duplicate(long tripId) {
        TripLog original = trips.findById(tripId).filter(this::visible)
                .orElseThrow(() -> new InvalidInputException("This trip no longer exists"));
        return create(original.copyAsDraft());
    }

    /** Deletes a draft; submitted, approved and rejected trips stay for the record. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.DRIVER})
    @Transactional
    public void delete(long tripId) {
        TripLog trip = trips.findById(tripId).orElseThrow(() -> new InvalidInputException("This trip no longer exists"));
        requireOwner(trip);
        if (trip.getStatus() != TripStatus.DRAFT) {
            throw new TripRuleException("status", "Only a draft can be deleted; this trip is " + trip.getStatus().label().toLowerCase());
        }
        trips.delete(trip);
        publish(trip, TripChanged.Kind.DELETED);
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.DRIVER})
    @Transactional
    public TripLog submit(long tripId) {
        TripLog trip = trips.findById(tripId).orElseThrow(() -> new InvalidInputException("This trip no longer exists"));
        requireOwner(trip);
        approvals.save(trip.submit(CurrentUser.requireUsername(), clock.instant()));
        for (UserAccount manager : depots.managers(trip.getDepotId())) {
            if (!manager.getUsername().equals(trip.getOwnerUsername())) {
                notifications.post(manager.getUsername(), "Trip \"" + trip.getPurpose() + "\" by " + trip.getDriverName()
                        + " awaits your approval" + (trip.violatesPolicy() ? " (breaks expense policy)" : ""), link(trip));
            }
        }
        publish(trip, TripChanged.Kind.SUBMITTED);
        return trip;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public TripLog approve(long tripId, String comment) {
        return approveOne(tripId, comment);
    }

    private TripLog approveOne(long tripId, String comment) {
        TripLog trip = decidable(tripId);
        approvals.save(trip.approve(CurrentUser.requireUsername(), comment, clock.instant()));
        notifyOwner(trip, "Your trip \"" + trip.getPurpose() + "\" was approved" + (comment == null || comment.isBlank() ? "" : ": " + comment.strip()));
        publish(trip, TripChanged.Kind.DECIDED);
        return trip;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public TripLog reject(long tripId, String comment) {
        TripLog trip = decidable(tripId);
        approvals.save(trip.reject(CurrentUser.requireUsername(), comment, clock.instant()));
        notifyOwner(trip, "Your trip \"" + trip.getPurpose() + "\" was rejected: " + comment.strip());
        publish(trip, TripChanged.Kind.DECIDED);
        return trip;
    }

    /** Approves several submitted trips; each is decided on its own, and refusals are reported, not fatal. */
    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER})
    @Transactional
    public BulkDecision approveAll(Collection<Long> tripIds, String comment) {
        List<Long> approved = new ArrayList<>();
        Map<Long, String> refused = new TreeMap<>();
        for (Long id : tripIds) {
            try {
                approveOne(id, comment);
                approved.add(id);
            } catch (InvalidInputException | AccessDeniedException e) {
                refused.put(id, e.getMessage());
            }
        }
        return new BulkDecision(approved, refused);
    }

    public record BulkDecision(List<Long> approved, Map<Long, String> refused) {
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.DRIVER})
    @Transactional
    public TripExpense addExpense(long tripId, TripExpense expense, ReceiptFile receipt) {
        TripLog trip = trips.findById(tripId).orElseThrow(() -> new InvalidInputException("This trip no longer exists"));
        requireOwnerEditable(trip);
        validation.require(expense);
        requireCurrency(expense.getCurrency(), "currency");
        expense.attachTo(trip);
        if (receipt != null) {
            expense.attachReceipt(receipt);
        }
        TripExpense saved;
        try {
            saved = expenses.saveAndFlush(expense);
            if (receipt != null) {
                queries.storeReceipt(saved.getId(), receipt.content());
            }
        } catch (DataAccessException e) {
            if (storageFull(e)) {
                // The whole transaction rolls back: no expense without its receipt, the trip's totals untouched.
                throw new TripRuleException("receipt", "The storage is full: the " + (receipt != null ? "receipt was not saved and the " : "")
                        + "expense was not added; the trip is unchanged. Try again later and tell your administrator.");
            }
            throw e;
        }
        recalculateCosts(trip);
        publish(trip, TripChanged.Kind.EXPENSES);
        return saved;
    }

    /** PostgreSQL's disk_full (SQLSTATE 53100): the database could not extend a file. */
    private static boolean storageFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "53100".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.DRIVER})
    @Transactional
    public void removeExpense(long expenseId) {
        TripExpense expense = expenses.findById(expenseId).orElseThrow(() -> new InvalidInputException("This expense no longer exists"));
        TripLog trip = expense.getTrip();
        requireOwnerEditable(trip);
        expenses.delete(expense);
        expenses.flush();
        recalculateCosts(trip);
        publish(trip, TripChanged.Kind.EXPENSES);
    }

    // ---- policy --------------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.FLEET_MANAGER, Authority.DISPATCHER, Authority.OFFICE_STAFF, Authority.SUPPORT_AGENT, Authority.DRIVER})
    @Transactional(readOnly = true)
    public List<TripPolicyRule> policyRules() {
        return policy.findAllByOrderByKindAscIdAsc();
    }

    @Secured(Authority.ADMIN)
    @Transactional
    public TripPolicyRule savePolicyRule(TripPolicyRule rule) {
        validation.require(rule);
        requireCurrency(rule.getCurrency(), "currency");
        rule.requireComplete();
        try {
            return policy.saveAndFlush(rule);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("This policy rule");
        }
    }

    @Secured(Authority.ADMIN)
    @Transactional
    public void deletePolicyRule(long ruleId) {
        policy.deleteById(ruleId);
    }

    // ---- internals -----------------------------------------------------------------------

    private void prepare(TripLog trip) {
        validation.require(trip);
        requireCurrency(trip.getCurrency(), "currency");
        trip.requireConsistent();
        Vehicle vehicle = vehicles.find(trip.getVehicleId())
                .orElseThrow(() -> new InvalidInputException("vehicleId", "Choose a vehicle you have access to"));
        Driver driver = driverFor(trip.getDriverId());
        trip.assignVehicle(vehicle.getId(), vehicle.getRegistration(), driver.getDepot().getId());
        trip.assignDriver(driver.getId(), driver.fullName());
        if (!CurrentUser.hasRole(Role.ADMIN) && !CurrentUser.hasRole(Role.DRIVER)) {
            access.requireDepot(driver.getDepot().getId(), "log trips");
        }
        trip.recalculate(com.fleetdesk.trips.Co2Factors.kgPerKm(vehicle.getType(), vehicle.getFuelType()));
        if (!trip.isNew()) {
            return;
        }
        trip.recordCosts(BigDecimal.ZERO, null);
    }

    private Driver driverFor(Long driverId) {
        if (driverId == null) {
            throw new InvalidInputException("driverId", "Choose the driver");
        }
        if (CurrentUser.roles().equals(java.util.Set.of(Role.DRIVER))) {
            Driver me = drivers.mine().orElseThrow(() -> new AccessDeniedException("Your account is not linked to a driver record"));
            if (!me.getId().equals(driverId)) {
                throw new AccessDeniedException("Drivers can only log their own trips");
            }
            return me;
        }
        return drivers.find(driverId).orElseThrow(() -> new InvalidInputException("driverId", "Choose a driver of your depot"));
    }

    private void recalculateCosts(TripLog trip) {
        List<TripExpense> list = expenses.findByTripIdOrderBySpentOnAscIdAsc(trip.getId());
        BigDecimal total = list.stream().filter(e -> e.getCurrency().equals(trip.getCurrency()))
                .map(TripExpense::getAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String violations = policy.findByActiveTrue().stream()
                .map(rule -> rule.check(trip, list))
                .flatMap(Optional::stream)
                .collect(Collectors.joining("; "));
        trip.recordCosts(total, violations);
    }

    private TripLog decidable(long tripId) {
        TripLog trip = trips.findById(tripId).orElseThrow(() -> new InvalidInputException("Trip " + tripId + " no longer exists"));
        if (!canDecide(trip)) {
            throw new AccessDeniedException("Only a fleet manager of the driver's depot can decide this trip, and never their own");
        }
        return trip;
    }

    private boolean canDecide(TripLog trip) {
        String me = CurrentUser.username().orElse("");
        if (me.equals(trip.getOwnerUsername())) {
            return false;
        }
        if (CurrentUser.hasRole(Role.ADMIN)) {
            return true;
        }
        return CurrentUser.hasRole(Role.FLEET_MANAGER) && access.currentScope().includes(trip.getDepotId());
    }

    private void requireOwner(TripLog trip) {
        if (!CurrentUser.requireUsername().equals(trip.getOwnerUsername())) {
            throw new AccessDeniedException("Only " + trip.getOwnerUsername() + ", who logged this trip, can change it");
        }
    }

    private void requireOwnerEditable(TripLog trip) {
        requireOwner(trip);
        if (!trip.getStatus().editableByOwner()) {
            throw new TripRuleException("status", "This trip is " + trip.getStatus().label().toLowerCase()
                    + " and can no longer be changed");
        }
    }

    private boolean visible(TripLog trip) {
        var scope = scope();
        if (scope.driverId() != null) {
            return scope.driverId().equals(trip.getDriverId());
        }
        return scope.depots().includes(trip.getDepotId())
                || CurrentUser.username().map(u -> u.equals(trip.getOwnerUsername())).orElse(false);
    }

    private TripQueries.TripAccessScope scope() {
        DepotScope depotScope = access.currentScope();
        if (CurrentUser.roles().equals(java.util.Set.of(Role.DRIVER))) {
            Long driverId = drivers.mine().map(Driver::getId).orElse(-1L);
            return new TripQueries.TripAccessScope(depotScope, driverId);
        }
        return new TripQueries.TripAccessScope(depotScope, null);
    }

    private TripDetails detailsOf(TripLog trip) {
        List<TripExpense> list = expenses.findByTripIdOrderBySpentOnAscIdAsc(trip.getId());
        Map<String, BigDecimal> totals = list.stream().collect(Collectors.groupingBy(TripExpense::getCurrency, TreeMap::new,
                Collectors.reducing(BigDecimal.ZERO, TripExpense::getAmount, BigDecimal::add)));
        boolean editable = trip.getStatus().editableByOwner() && CurrentUser.username().map(u -> u.equals(trip.getOwnerUsername())).orElse(false);
        boolean decidable = trip.getStatus() == TripStatus.SUBMITTED && canDecide(trip);
        return new TripDetails(trip, list, approvals.findByTripIdOrderByActedAtAscIdAsc(trip.getId()), totals, editable, decidable);
    }

    private void notifyOwner(TripLog trip, String text) {
        notifications.post(trip.getOwnerUsername(), text, link(trip));
    }

    private static String link(TripLog trip) {
        return "trip/" + trip.getId();
    }

    private void publish(TripLog trip, TripChanged.Kind kind) {
        events.publishEvent(new TripChanged(trip.getId(), trip.getDepotId(), trip.getOwnerUsername(), trip.getStatus(), kind));
    }

    static String requireCurrency(String code, String field) {
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException(field, "Unknown currency \"" + code + "\": use an ISO 4217 code such as GBP or EUR");
        }
    }
}
