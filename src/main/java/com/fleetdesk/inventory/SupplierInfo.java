package com.fleetdesk.inventory;

/** A supplier of parts. */
public record SupplierInfo(long id, String name, String email, String phone, long version) {
}
