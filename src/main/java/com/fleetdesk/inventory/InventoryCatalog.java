package com.fleetdesk.inventory;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Authority;
import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.EntityValidation;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import com.fleetdesk.base.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Master data of the inventory: categories, parts, suppliers, stock locations and the
 * reorder settings of stock levels. It never changes quantities (that is {@link StockLedger}'s job).
 * Warehouse staff and administrators maintain it.
 */
@Service
public class InventoryCatalog {

    private final JdbcClient jdbc;
    private final EntityValidation validation;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    InventoryCatalog(JdbcClient jdbc, EntityValidation validation, ApplicationEventPublisher events, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.validation = validation;
        this.events = events;
    }

    // ---- editing (forms) -------------------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public PartForm part(long partId) {
        return jdbc.sql("""
                        select p.id, p.version, p.part_number, p.name, p.description, p.category_id, p.unit, p.unit_cost, p.barcode,
                               p.lot_tracked, p.compatible_models, c.name as category_name, c.parent_id
                          from part p join part_category c on c.id = p.category_id where p.id = ?
                        """).param(partId).query((rs, i) -> {
                    PartForm f = new PartForm();
                    f.setId(rs.getLong("id"));
                    f.setVersion(rs.getLong("version"));
                    f.setPartNumber(rs.getString("part_number"));
                    f.setName(rs.getString("name"));
                    f.setDescription(rs.getString("description"));
                    f.setUnit(Unit.valueOf(rs.getString("unit")));
                    f.setUnitCost(rs.getBigDecimal("unit_cost"));
                    f.setBarcode(rs.getString("barcode"));
                    f.setLotTracked(rs.getBoolean("lot_tracked"));
                    f.setCompatibleModels(rs.getString("compatible_models"));
                    f.setCategory(new CategoryInfo(rs.getLong("category_id"), rs.getString("category_name"), rs.getObject("parent_id", Long.class),
                            rs.getString("category_name")));
                    return f;
                }).optional().orElseThrow(() -> new InvalidInputException("There is no part with id " + partId + "."));
    }

    /**
     * Creates or updates a part. The part number and the barcode must be unused by other parts; an
     * update based on a stale version is refused; the unit and the lot flag cannot change once stock moved.
     */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public PartForm savePart(PartForm form) {
        validation.require(form);
        if (form.getId() == null) {
            long id = createPart(form.getPartNumber(), form.getName(), form.getDescription(), form.getCategory().id(), form.getUnit(),
                    form.getUnitCost(), form.getBarcode(), form.isLotTracked(), form.getCompatibleModels());
            publish(id);
            return part(id);
        }
        String number = form.getPartNumber().strip().toUpperCase(java.util.Locale.ROOT);
        String code = form.getBarcode() == null || form.getBarcode().isBlank() ? null : form.getBarcode().strip();
        if (jdbc.sql("select exists (select 1 from part where part_number = ? and id <> ?)").params(number, form.getId()).query(Boolean.class).single()) {
            throw new InvalidInputException("partNumber", "Part number " + number + " is already in use.");
        }
        if (code != null && jdbc.sql("select exists (select 1 from part where barcode = ? and id <> ?)").params(code, form.getId()).query(Boolean.class).single()) {
            throw new InvalidInputException("barcode", "Barcode " + code + " already belongs to another part.");
        }
        requireCategory(form.getCategory().id());
        PartForm stored = part(form.getId());
        boolean moved = jdbc.sql("select exists (select 1 from stock_movement where part_id = ?)").param(form.getId()).query(Boolean.class).single();
        if (moved && stored.getUnit() != form.getUnit()) {
            throw new InvalidInputException("unit", "Stock of " + number + " has been booked in " + stored.getUnit().symbol()
                    + ": the unit cannot change any more (create a new part instead).");
        }
        if (moved && stored.isLotTracked() != form.isLotTracked()) {
            throw new InvalidInputException("lotTracked", "Stock of " + number + " has been booked: lot tracking cannot be switched any more.");
        }
        int updated;
        try {
            updated = audit.recordRowChange("Part", "part", Map.of("id", form.getId()), () -> jdbc.sql("""
                            update part set part_number = ?, name = ?, description = ?, category_id = ?, unit = ?, unit_cost = ?, barcode = ?,
                                   lot_tracked = ?, compatible_models = ?, version = version + 1, updated_at = now(), updated_by = ?
                             where id = ? and version = ?
                            """).params(number, form.getName().strip(), blankToNull(form.getDescription()), form.getCategory().id(),
                            form.getUnit().name(), form.getUnitCost(), code, form.isLotTracked(), blankToNull(form.getCompatibleModels()), me(),
                            form.getId(), form.getVersion())
                    .update());
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException("partNumber", "Part number " + number + " or barcode " + code + " was just taken by another part.");
        }
        if (updated == 0) {
            throw new ChangedBySomeoneElseException("Part " + number);
        }
        publish(form.getId());
        return part(form.getId());
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public List<PartSupplierInfo> partSuppliers(long partId) {
        return jdbc.sql("""
                        select ps.part_id, ps.supplier_id, s.name, ps.lead_time_days, ps.price from part_supplier ps
                          join supplier s on s.id = ps.supplier_id where ps.part_id = ? order by ps.lead_time_days, ps.price, s.name
                        """).param(partId)
                .query((rs, i) -> new PartSupplierInfo(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getBigDecimal(5))).list();
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void unlinkSupplier(long partId, long supplierId) {
        audit.recordRowChange("PartSupplier", "part_supplier", Map.of("part_id", partId, "supplier_id", supplierId),
                () -> jdbc.sql("delete from part_supplier where part_id = ? and supplier_id = ?").params(partId, supplierId).update());
        publish(partId);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public SupplierForm saveSupplier(SupplierForm form) {
        validation.require(form);
        String name = form.getName().strip();
        try {
            if (form.getId() == null) {
                long id = createSupplier(name, blankToNull(form.getEmail()), blankToNull(form.getPhone()));
                form.setId(id);
            } else if (audit.recordRowChange("Supplier", "supplier", Map.of("id", form.getId()), () -> jdbc.sql("""
                            update supplier set name = ?, email = ?, phone = ?, version = version + 1, updated_at = now(), updated_by = ?
                             where id = ? and version = ?
                            """).params(name, blankToNull(form.getEmail()), blankToNull(form.getPhone()), me(), form.getId(), form.getVersion())
                    .update()) == 0) {
                throw new ChangedBySomeoneElseException("Supplier " + name);
            } else {
                form.setVersion(form.getVersion() + 1);
            }
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException("name", "There is already a supplier called " + name + ".");
        }
        publish(0);
        return form;
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public LocationForm location(long locationId) {
        return jdbc.sql("select id, version, kind, name, region, depot_id, manager_username from stock_location where id = ?").param(locationId)
                .query((rs, i) -> {
                    LocationForm f = new LocationForm();
                    f.setId(rs.getLong(1));
                    f.setVersion(rs.getLong(2));
                    f.setKind(LocationKind.valueOf(rs.getString(3)));
                    f.setName(rs.getString(4));
                    f.setRegion(rs.getString(5));
                    f.setDepotId(rs.getObject(6, Long.class));
                    f.setManagerUsername(rs.getString(7));
                    return f;
                }).optional().orElseThrow(() -> new InvalidInputException("There is no stock location with id " + locationId + "."));
    }

    /** Creates or updates a location; its manager (who gets the low-stock alerts) must be a user of Fleetdesk. */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public LocationForm saveLocation(LocationForm form) {
        validation.require(form);
        String manager = blankToNull(form.getManagerUsername());
        if (manager != null && !jdbc.sql("select exists (select 1 from user_account where lower(username) = lower(?))").param(manager)
                .query(Boolean.class).single()) {
            throw new InvalidInputException("managerUsername", "There is no user called " + manager + ".");
        }
        if (form.getId() == null) {
            long id = createLocation(form.getKind(), form.getName(), form.getRegion(), form.getDepotId(), manager);
            publish(0);
            return location(id);
        }
        String name = form.getName().strip();
        try {
            if (audit.recordRowChange("StockLocation", "stock_location", Map.of("id", form.getId()), () -> jdbc.sql("""
                            update stock_location set kind = ?, name = ?, region = ?, depot_id = ?, manager_username = ?, version = version + 1,
                                   updated_at = now(), updated_by = ? where id = ? and version = ?
                            """).params(form.getKind().name(), name, form.getRegion().strip(), form.getDepotId(), manager, me(), form.getId(),
                            form.getVersion()).update()) == 0) {
                throw new ChangedBySomeoneElseException("Location " + name);
            }
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException("name", "There is already a stock location called " + name + ".");
        }
        publish(0);
        return location(form.getId());
    }

    /** Renames a category or moves it under another parent (not under itself or one of its own sub-categories). */
    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void updateCategory(long categoryId, String name, Long parentId) {
        String n = required(name, "name", "Give the category a name.", 100);
        if (parentId != null) {
            boolean cycle = jdbc.sql("""
                            with recursive sub(id) as (select cast(? as bigint) union all
                                select c.id from part_category c join sub on c.parent_id = sub.id)
                            select exists (select 1 from sub where id = ?)
                            """).params(categoryId, parentId).query(Boolean.class).single();
            if (cycle) {
                throw new InvalidInputException("parent", "A category cannot be placed under itself or one of its own sub-categories.");
            }
        }
        try {
            int updated = audit.recordRowChange("PartCategory", "part_category", Map.of("id", categoryId), () -> jdbc.sql("""
                            update part_category set name = ?, parent_id = ?, version = version + 1, updated_at = now(), updated_by = ? where id = ?
                            """).params(n, parentId, me(), categoryId).update());
            if (updated == 0) {
                throw new InvalidInputException("There is no category with id " + categoryId + ".");
            }
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException("name", "There is already a category called " + n + " at that place in the tree.");
        }
        publish(0);
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE, Authority.TECHNICIAN, Authority.FLEET_MANAGER})
    @Transactional(readOnly = true)
    public LevelSettings levelSettings(long partId, long locationId) {
        return jdbc.sql("select reorder_point, critical_point, max_level, bin from stock_level where part_id = ? and location_id = ?")
                .params(partId, locationId)
                .query((rs, i) -> new LevelSettings(partId, locationId, rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getString(4)))
                .optional().orElse(new LevelSettings(partId, locationId, BigDecimal.ZERO, BigDecimal.ZERO, null, null));
    }

    private void requireCategory(long categoryId) {
        if (!jdbc.sql("select exists (select 1 from part_category where id = ?)").param(categoryId).query(Boolean.class).single()) {
            throw new InvalidInputException("category", "Choose the category.");
        }
    }

    private void publish(long id) {
        events.publishEvent(new InventoryChanged(InventoryChanged.Kind.CATALOGUE, id, "SAVED"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- creating (demo data, tests) -------------------------------------------------------

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long createCategory(String name, Long parentId) {
        String n = required(name, "name", "Give the category a name.", 100);
        try {
            return audit.recordCreated("PartCategory", "part_category", jdbc.sql("""
                            insert into part_category (name, parent_id, created_at, created_by, updated_at, updated_by)
                            values (?, ?, now(), ?, now(), ?) returning id
                            """).params(n, parentId, me(), me()).query(Long.class).single());
        } catch (DuplicateKeyException e) {
            throw new InvalidInputException("name", "There is already a category called " + n + " at that place in the tree.");
        }
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
            return audit.recordCreated("Part", "part", jdbc.sql("""
                            insert into part (part_number, name, description, category_id, unit, unit_cost, barcode, lot_tracked,
                                              compatible_models, created_at, created_by, updated_at, updated_by)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?, now(), ?) returning id
                            """)
                    .params(number, n, description, categoryId, unit.name(), unitCost, code, lotTracked, compatibleModels, me(), me())
                    .query(Long.class).single());
        } catch (DuplicateKeyException e) {
            // someone else took the number or barcode a moment ago
            throw new InvalidInputException("partNumber", "Part number " + number + " or barcode " + code + " was just taken by another part.");
        }
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long createSupplier(String name, String email, String phone) {
        String n = required(name, "name", "Give the supplier's name.", 200);
        return audit.recordCreated("Supplier", "supplier", jdbc.sql("""
                        insert into supplier (name, email, phone, created_at, created_by, updated_at, updated_by)
                        values (?, ?, ?, now(), ?, now(), ?) returning id
                        """).params(n, email, phone, me(), me()).query(Long.class).single());
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public void linkSupplier(long partId, long supplierId, int leadTimeDays, BigDecimal price) {
        if (leadTimeDays < 0 || leadTimeDays > 365) {
            throw new InvalidInputException("leadTime", "The lead time is 0 to 365 days.");
        }
        if (price == null || price.signum() < 0 || price.stripTrailingZeros().scale() > 2 || price.compareTo(new BigDecimal("9999999999.99")) > 0) {
            throw new InvalidInputException("price", "The price is 0 or more, in pounds and pence (at most 2 decimals).");
        }
        if (!jdbc.sql("select exists (select 1 from supplier where id = ?)").param(supplierId).query(Boolean.class).single()) {
            throw new InvalidInputException("supplier", "Choose a supplier.");
        }
        if (!jdbc.sql("select exists (select 1 from part where id = ?)").param(partId).query(Boolean.class).single()) {
            throw new InvalidInputException("part", "Choose a part.");
        }
        audit.recordRowChange("PartSupplier", "part_supplier", Map.of("part_id", partId, "supplier_id", supplierId), () -> jdbc.sql("""
                        insert into part_supplier (part_id, supplier_id, lead_time_days, price, created_at, created_by, updated_at, updated_by)
                        values (?, ?, ?, ?, now(), ?, now(), ?)
                        on conflict (part_id, supplier_id) do update set lead_time_days = excluded.lead_time_days, price = excluded.price,
                            version = part_supplier.version + 1, updated_at = now(), updated_by = excluded.updated_by
                        """).params(partId, supplierId, leadTimeDays, price, me(), me()).update());
    }

    @Secured({Authority.ADMIN, Authority.WAREHOUSE})
    @Transactional
    public long createLocation(LocationKind kind, String name, String region, Long depotId, String managerUsername) {
        String n = required(name, "name", "Give the location a name.", 120);
        String r = required(region, "region", "Give the location's region.", 120);
        try {
            return audit.recordCreated("StockLocation", "stock_location", jdbc.sql("""
                            insert into stock_location (kind, name, region, depot_id, manager_username, created_at, created_by, updated_at, updated_by)
                            values (?, ?, ?, ?, ?, now(), ?, now(), ?) returning id
                            """).params(kind.name(), n, r, depotId, managerUsername, me(), me()).query(Long.class).single());
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
        audit.recordRowChange("StockLevelSettings", "stock_level", Map.of("part_id", partId, "location_id", locationId), () -> jdbc.sql("""
                        insert into stock_level (part_id, location_id, reorder_point, critical_point, max_level, bin, created_at, created_by, updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, now(), ?, now(), ?)
                        on conflict (part_id, location_id) do update set reorder_point = excluded.reorder_point,
                            critical_point = excluded.critical_point, max_level = excluded.max_level, bin = excluded.bin,
                            version = stock_level.version + 1, updated_at = now(), updated_by = excluded.updated_by
                        """).params(partId, locationId, reorderPoint, criticalPoint, maxLevel, bin, me(), me()).update());
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
