package com.fleetdesk.base.ui;

/** Menu groups: one per feature module, derived from the view's package. */
enum FleetdeskModule {
    HOME("Home"),
    FLEET("Fleet"),
    TRIPS("Trips"),
    TELEMATICS("Telematics"),
    ROUTING("Routing"),
    INVENTORY("Inventory"),
    MAINTENANCE("Maintenance"),
    SUPPORT("Support"),
    ANALYTICS("Analytics"),
    ADMINISTRATION("Administration");

    private final String label;

    FleetdeskModule(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static FleetdeskModule of(Class<?> view) {
        if (view == null || view.isAnnotationPresent(HomeMenu.class)) {
            return HOME;
        }
        if (view.isAnnotationPresent(AdministrationMenu.class)) {
            return ADMINISTRATION;
        }
        String pkg = view.getPackageName();
        String prefix = "com.fleetdesk.";
        if (pkg.startsWith(prefix)) {
            String module = pkg.substring(prefix.length()).split("\\.")[0];
            for (FleetdeskModule m : values()) {
                if (m.name().equalsIgnoreCase(module)) {
                    return m;
                }
            }
        }
        return HOME;
    }
}
