package com.fleetdesk.base.audit;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.fleet.Vehicle;
import com.fleetdesk.fleet.VehicleFilter;
import com.fleetdesk.fleet.VehicleService;
import com.fleetdesk.fleet.VehicleStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@FleetdeskTest
class AuditTrailTest {

    @Autowired
    AuditTrail audit;
    @Autowired
    VehicleService vehicles;
    @Autowired
    SignedIn signedIn;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aChangedRecordIsLoggedWithWhoAndTheValuesBeforeAndAfter() {
        Vehicle vehicle = signedIn.as("admin", () -> vehicles.list(VehicleFilter.none(), PageRequest.of(0, 1)).getFirst());
        String oldMake = vehicle.getMake();
        vehicle.setMake("Audited Make " + System.nanoTime());
        signedIn.as("admin", () -> vehicles.save(vehicle));
        signedIn.as("admin", () -> vehicles.changeStatus(vehicle.getId(), VehicleStatus.OUT_OF_SERVICE));

        List<AuditEntry> entries = signedIn.as("admin", () ->
                audit.page(new AuditFilter("Vehicle", vehicle.getId().toString(), null, null, null, null), 0, 10));
        assertThat(entries).hasSizeGreaterThanOrEqualTo(2);
        AuditEntry statusChange = entries.get(0);
        assertThat(statusChange.username()).isEqualTo("admin");
        assertThat(statusChange.action()).isEqualTo(AuditAction.UPDATE);
        assertThat(statusChange.changes()).containsEntry("status", List.of("ACTIVE", "OUT_OF_SERVICE"));
        AuditEntry makeChange = entries.get(1);
        assertThat(makeChange.changes()).containsEntry("make", List.of(oldMake, vehicle.getMake()));
        assertThat(makeChange.summary()).contains("make: " + oldMake + " → " + vehicle.getMake());
        // Bookkeeping columns are not reported as changes.
        assertThat(makeChange.changes()).doesNotContainKeys("version", "updatedAt");
    }

    @Test
    void aRolledBackChangeLeavesNoEntry() {
        long before = count();
        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
            signedIn.run("admin", () -> {
                Vehicle v = vehicles.list(VehicleFilter.none(), PageRequest.of(0, 1)).getFirst();
                v.setModel("Never committed");
                vehicles.save(v);
            });
            throw new IllegalStateException("rolled back on purpose");
        })).hasMessageContaining("on purpose");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void plainSqlChangesAreRecordedInTheCallersTransaction() {
        transactions.executeWithoutResult(tx -> signedIn.run("warehouse",
                () -> audit.record("StockLevel", 77, AuditAction.UPDATE, Map.of("bin", List.of("A1", "B2")))));
        List<AuditEntry> entries = signedIn.as("admin", () -> audit.page(new AuditFilter("StockLevel", "77", "warehouse", null, null, null), 0, 5));
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.summary()).isEqualTo("bin: A1 → B2"));
        // Outside a transaction a record could be lost from its change: refused.
        assertThatThrownBy(() -> audit.record("StockLevel", 77, AuditAction.UPDATE, Map.of()))
                .isInstanceOf(org.springframework.transaction.IllegalTransactionStateException.class);
    }

    @Test
    void aRowChangedWithPlainSqlIsLoggedWithItsColumnsBeforeAndAfter() {
        long depotId = jdbc.sql("select min(id) from depot").query(Long.class).single();
        String oldAddress = jdbc.sql("select address from depot where id = ?").param(depotId).query(String.class).single();
        transactions.executeWithoutResult(tx -> signedIn.run("admin", () -> audit.recordRowChange("Depot", "depot", Map.of("id", depotId),
                () -> jdbc.sql("update depot set address = ?, version = version + 1 where id = ?").params("2 Plain Street", depotId).update())));
        AuditEntry entry = signedIn.as("admin", () -> audit.page(new AuditFilter("Depot", String.valueOf(depotId), "admin", AuditAction.UPDATE, null, null), 0, 1)).getFirst();
        assertThat(entry.changes()).containsOnlyKeys("address").containsEntry("address", List.of(oldAddress, "2 Plain Street"));
    }

    @Test
    void theLogCannotBeEditedOrDeleted() {
        transactions.executeWithoutResult(tx -> audit.record("Test", 1, AuditAction.CREATE, Map.of("x", 1)));
        assertThatThrownBy(() -> jdbc.sql("update audit_log set username = 'someone else'").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update()).hasMessageContaining("append-only");
    }

    @Test
    void passwordsNeverReachTheLog() {
        List<AuditEntry> accounts = signedIn.as("admin", () -> audit.page(new AuditFilter("UserAccount", null, null, AuditAction.CREATE, null, null), 0, 50));
        assertThat(accounts).isNotEmpty().allSatisfy(e -> assertThat(e.changes().get("passwordHash")).isIn(null, "(hidden)"));
        assertThat(accounts).noneSatisfy(e -> assertThat(e.summary()).contains("$2a$"));
    }

    @Test
    void onlyAdministratorsReadTheLog() {
        assertThatThrownBy(() -> signedIn.as("manager", () -> audit.page(AuditFilter.none(), 0, 10))).isInstanceOf(AccessDeniedException.class);
        assertThat(signedIn.as("admin", () -> audit.entityTypes())).contains("Vehicle");
    }

    private long count() {
        return jdbc.sql("select count(*) from audit_log").query(Long.class).single();
    }
}
