package com.fleetdesk.inventory;

/** A part category with its path in the hierarchy, e.g. "Brakes › Brake pads". */
public record CategoryInfo(long id, String name, Long parentId, String path) {
}
