package com.fleetdesk.inventory;

import java.math.BigDecimal;

/** Reorder point, critical point, maximum and bin of a part at a location. */
public record LevelSettings(long partId, long locationId, BigDecimal reorderPoint, BigDecimal criticalPoint, BigDecimal maxLevel, String bin) {
}
