package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;

/**
 * Master data of the inventory: categories, parts, suppliers, stock locations and the
 * reorder settings of stock levels. It never changes quantities (that is {@link StockLedger}'s job).
 * Warehouse staff and administrators maintain it.
 */
@Service
public class InventoryCatalog {

    private final JdbcClient jdbc;

    InventoryCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long createCategory(String name, Long parentId) {
        String n = required(name, "name", "Give the category a name.", 100);
        return jdbc.sql("""
                        insert into part_category (name, parent_id, created_at, created_by, updated_at, updated_by)
                        values (?, ?, now(), ?, now(), ?) returning id
                        """).params(n, parentId, me(), me()).query(Long.class).single();
    }

    /** A new part; the part number and the barcode (if any) must be unused. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long createPart(String partNumber, String name, String description, long categoryId, Unit unit, BigDecimal unitCost,
                           String barcode, boolean lotTracked, String compatibleModels) {
        String number = required(partNumber, "partNumber", "Give the part number.", 40).toUpperCase(java.util.Locale.ROOT);
        String n = required(name, "name", "Give the part a name.", 200);
        if (unit == null) {
            throw new InvalidInputException("unit", "Choose the unit the part is counted in.");
        }
        if (unitCost == null || unitCost.signum() < 0) {
            throw new InvalidInputException("unitCost", "The unit cost must be 0 or more.");
        }
        String code = barcode == null || barcode.isBlank() ? null : barcode.strip();
        if (jdbc.sql("select exists (select 1 from part where part_number = ?)").param(number).query(Boolean.class).single()) {
            throw new InvalidInputException("partNumber", "Part number " + number + " is already in use.");
        }
        if (code != null && jdbc.sql("select exists (select 1 from part where barcode = ?)").param(code).query(Boolean.class).single()) {
            throw new InvalidInputException("barcode", "Barcode " + code + " already belongs to another part.");
        }
        try {
            return jdbc.sql("""
                            insert into part (part_number, name, description, category_id, unit, unit_cost, barcode, lot_tracked,
                                              compatible_models, created_at, created_by, updated_at, updated_by)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, now(), ?) returning id
                            """)
                    .params(number, n, description, categoryId, unit.name(), unitCost, code, lotTracked, compatibleModels, me(), me())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            // someone else took the number or barcode a moment ago
            throw new InvalidInputException("partNumber", "Part number " + number + " or barcode " + code + " was just taken by another part.");
        }
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long createSupplier(String name, String email, String phone) {
        String n = required(name, "name", "Give the supplier's name.", 200);
        return jdbc.sql("""
                        insert into supplier (name, email, phone, created_at, created_by, updated_at, updated_by)
                        values (?, ?, ?, now(), ?, now(), ?) returning id
                        """).params(n, email, phone, me(), me()).query(Long.class).single();
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void linkSupplier(long partId, long supplierId, int leadTimeDays, BigDecimal price) {
        if (leadTimeDays < 0 || price == null || price.signum() < 0) {
            throw new InvalidInputException("Lead time and price must be 0 or more.");
        }
        jdbc.sql("""
                        insert into part_supplier (part_id, supplier_id, lead_time_days, price, created_at, created_by, updated_at, updated_by)
                        values (?, ?, ?, ?, now(), ?, now(), ?)
                        on conflict (part_id, supplier_id) do update set lead_time_days = excluded.lead_time_days, price = excluded.price,
                            version = part_supplier.version + 1, updated_at = now(), updated_by = excluded.updated_by
                        """).params(partId, supplierId, leadTimeDays, price, me(), me()).update();
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long createLocation(LocationKind kind, String name, String region, Long depotId, String managerUsername) {
        String n = required(name, "name", "Give the location a name.", 120);
        String r = required(region, "region", "Give the location's region.", 120);
        try {
            return jdbc.sql("""
                            insert into stock_location (kind, name, region, depot_id, manager_username, created_at, created_by, updated_at, updated_by)
                            values (?, ?, ?, ?, ?, now(), ?, now(), ?) returning id
                            """).params(kind.name(), n, r, depotId, managerUsername, me(), me()).query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException("name", "There is already a stock location called " + n + ".");
        }
    }

    /** Reorder and critical points, maximum and bin of a part at a location (quantities stay as they are). */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void setLevelSettings(long partId, long locationId, BigDecimal reorderPoint, BigDecimal criticalPoint, BigDecimal maxLevel, String bin) {
        if (reorderPoint == null || criticalPoint == null || reorderPoint.signum() < 0 || criticalPoint.signum() < 0) {
            throw new InvalidInputException("reorderPoint", "Reorder and critical points must be 0 or more.");
        }
        if (criticalPoint.compareTo(reorderPoint) > 0) {
            throw new InvalidInputException("criticalPoint", "The critical point cannot be above the reorder point.");
        }
        if (maxLevel != null && maxLevel.compareTo(reorderPoint) < 0) {
            throw new InvalidInputException("maxLevel", "The maximum level cannot be below the reorder point.");
        }
        jdbc.sql("""
                        insert into stock_level (part_id, location_id, reorder_point, critical_point, max_level, bin, created_at, created_by, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, now(), ?, now(), ?)
                        on conflict (part_id, location_id) do update set reorder_point = excluded.reorder_point,
                            critical_point = excluded.critical_point, max_level = excluded.max_level, bin = excluded.bin,
                            version = stock_level.version + 1, updated_at = now(), updated_by = excluded.updated_by
                        """).params(partId, locationId, reorderPoint, criticalPoint, maxLevel, bin, me(), me()).update();
    }

    private static String required(String value, String field, String message, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, message);
        }
        if (value.strip().length() > max) {
            throw new InvalidInputException(field, "At most " + max + " characters.");
        }
        return value.strip();
    }

    private static String me() {
        return CurrentUser.username().orElse("system");
    }
}
