package com.fleetdesk.maintenance;

import com.fleetdesk.base.domain.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * The catalogue facts a parts line keeps: number, name, unit and unit cost when it was added.
 * Inventory's public PartInfo carries no cost, so this reads the part row itself (read only;
 * quantities always go through inventory's StockLedger).
 */
@Component
class PartPrices {

    record PriceFacts(long partId, String partNumber, String name, String unit, BigDecimal unitCost) {
    }

    private final JdbcClient jdbc;

    PartPrices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    PriceFacts of(long partId) {
        return jdbc.sql("select id, part_number, name, unit, unit_cost from part where id = ?").param(partId)
                .query((rs, i) -> new PriceFacts(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5)))
                .optional().orElseThrow(() -> new InvalidInputException("part", "This part is not in the catalogue."));
    }
}
