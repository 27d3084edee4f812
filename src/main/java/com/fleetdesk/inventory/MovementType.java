package com.fleetdesk.inventory;

/**
 * Kinds of ledger entries. On hand is the sum of the quantities of the kinds that
 * {@link #changesOnHand()}; reserved is the sum of RESERVE and RELEASE.
 */
public enum MovementType {
    RECEIPT, ISSUE, TRANSFER_OUT, TRANSFER_IN, ADJUSTMENT, RETURN, RESERVE, RELEASE;

    public boolean changesOnHand() {
        return this != RESERVE && this != RELEASE;
    }
}
