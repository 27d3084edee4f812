/**
 * Parts inventory: the part catalogue (categories, parts, suppliers), stock locations
 * (a central warehouse and service centres), stock levels per part and location, lots with
 * expiry dates, and the append-only stock ledger through which every quantity changes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inventory")
package com.fleetdesk.inventory;
