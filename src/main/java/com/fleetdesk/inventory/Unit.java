package com.fleetdesk.inventory;

/** How a part is counted; pieces are whole numbers, the others may be fractions. */
public enum Unit {
    PIECE("pcs", false),
    LITRE("L", true),
    KG("kg", true),
    METRE("m", true);

    private final String symbol;
    private final boolean fractionsAllowed;

    Unit(String symbol, boolean fractionsAllowed) {
        this.symbol = symbol;
        this.fractionsAllowed = fractionsAllowed;
    }

    public String symbol() {
        return symbol;
    }

    public boolean fractionsAllowed() {
        return fractionsAllowed;
    }
}
