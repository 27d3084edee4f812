package com.fleetdesk.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A lot of a lot-tracked part at a location; expired lots cannot be issued. */
public record LotInfo(String lotNumber, LocalDate expiryDate, BigDecimal onHand, boolean expired) {
}
