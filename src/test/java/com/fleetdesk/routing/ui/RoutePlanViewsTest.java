package com.fleetdesk.routing.ui;

import com.fleetdesk.FleetdeskTest;
import com.fleetdesk.SignedIn;
import com.fleetdesk.base.ui.MainLayout;
import com.fleetdesk.base.ui.map.LatLon;
import com.fleetdesk.base.ui.map.MapMarker;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.routing.PlanSummary;
import com.fleetdesk.routing.RoutePlanService;
import com.fleetdesk.routing.RoutePlanStatus;
import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

@FleetdeskTest
@ViewPackages(classes = {RoutePlanListView.class, MainLayout.class})
class RoutePlanViewsTest extends SpringBrowserlessTest {

    @Autowired
    RoutePlanService routing;
    @Autowired
    SignedIn signedIn;

    PlanSummary demoPlan() {
        return signedIn.as("dispatcher", () -> routing.plans().stream()
                .filter(p -> p.status() == RoutePlanStatus.DRAFT && p.name().endsWith("deliveries")).findFirst().orElseThrow());
    }

    @Test
    @WithUserDetails("dispatcher")
    void planListShowsTheDemoPlansOfEveryDepot() {
        RoutePlanListView view = navigate(RoutePlanListView.class);
        assertThat(test(view.grid).size()).isGreaterThanOrEqualTo(6);
        assertThat(test(view.grid).getLitRendererPropertyValue(0, 3, "text", String.class)).isIn("Draft", "Solving", "Solved", "Dispatched", "Cancelled", "Failed");
        test(view.create).click();
        assertThat(view.dialog.isOpened()).isTrue();
        test(view.name).setValue("   ");
        test(view.save).click();
        assertThat(view.name.isInvalid()).isTrue();
        assertThat(view.name.getErrorMessage()).contains("Give the plan a name");
    }

    @Test
    @WithUserDetails("dispatcher")
    void aPlanShowsItsStopsOnTheMapAndAClickOnTheMapAddsAStop() {
        PlanSummary summary = demoPlan();
        RoutePlanView view = navigate(RoutePlanView.class, summary.id());
        assertThat(view.title.getText()).isEqualTo(summary.name());
        assertThat(test(view.stops).size()).isEqualTo(summary.stops());
        assertThat(view.map.getMarkers()).extracting(MapMarker::id).contains("depot").hasSize(summary.stops() + 1);
        assertThat(view.solve.isEnabled()).isTrue();
        assertThat(view.dispatch.isEnabled()).as("nothing to dispatch before solving").isFalse();

        Depot depot = routing.depotOf(summary.id());
        view.mapClicked(new LatLon(depot.getLatitude() + 0.015, depot.getLongitude() - 0.01));
        assertThat(view.stopDialog.isOpened()).isTrue();
        assertThat(view.stopDialog.latitude.getValue()).isEqualTo(depot.getLatitude() + 0.015);
        test(view.stopDialog.label).setValue("Clicked on the map");
        test(view.stopDialog.demand).setValue(25);
        test(view.stopDialog.save).click();
        assertThat(view.stopDialog.isOpened()).isFalse();
        assertThat(test(view.stops).size()).isEqualTo(summary.stops() + 1);
        assertThat(view.map.getMarkers()).hasSize(summary.stops() + 2);

        // Latitude and longitude swapped: refused on the field, the dialog stays open with what was typed.
        view.newStop(null);
        test(view.stopDialog.label).setValue("Swapped");
        test(view.stopDialog.latitude).setValue(depot.getLongitude());
        test(view.stopDialog.longitude).setValue(depot.getLatitude());
        test(view.stopDialog.demand).setValue(5);
        test(view.stopDialog.save).click();
        assertThat(view.stopDialog.isOpened()).isTrue();
        assertThat(view.stopDialog.latitude.isInvalid()).isTrue();
        assertThat(view.stopDialog.latitude.getErrorMessage()).contains("swapped");
        assertThat(view.stopDialog.label.getValue()).isEqualTo("Swapped");
        assertThat(test(view.stops).size()).isEqualTo(summary.stops() + 1);
    }

    @Test
    @WithUserDetails("dispatcher")
    void csvImportReportsEachRefusedRowAndAddsTheGoodOnes() {
        PlanSummary summary = demoPlan();
        RoutePlanView view = navigate(RoutePlanView.class, summary.id());
        Depot depot = routing.depotOf(summary.id());
        int before = test(view.stops).size();
        test(view.importCsv).click();
        assertThat(view.csvDialog.isOpened()).isTrue();
        view.csvText.setValue(String.format(Locale.ROOT, "label,latitude,longitude,demand_kg%nImported shop,%.5f,%.5f,30%nBroken,north,%.5f,30%n",
                depot.getLatitude() - 0.012, depot.getLongitude() + 0.02, depot.getLongitude()));
        view.runImport();
        assertThat(view.csvReport.getElement().getText()).isEmpty();
        assertThat(view.csvReport.getChildren().map(c -> c.getElement().getText()))
                .contains("1 stop added; 1 rows refused:")
                .anyMatch(t -> t.startsWith("Line 3 (Broken): latitude 'north' is not a number"));
        assertThat(test(view.stops).size()).isEqualTo(before + 1);
    }

    @Test
    @WithUserDetails("dispatcher")
    void solvingShowsRoutesAndAHandMoveIsRescoredThenDispatchMakesThePlanReadOnly() {
        Depot depot = routing.plannableDepots().getFirst();
        var plan = routing.create(depot.getId(), "View test solve", java.time.LocalDate.of(2026, 12, 8));
        var cargo = plan.getVehicles().stream().filter(v -> v.getCapacityKg() >= 100).limit(2).toList();
        for (var v : plan.getVehicles()) {
            if (!cargo.contains(v)) {
                routing.updateVehicle(plan.getId(), v.getId(), v.getShiftStart(), v.getShiftEnd(), v.getCostPerKm(), false);
            }
        }
        for (int i = 0; i < 4; i++) {
            routing.addStop(plan.getId(), new com.fleetdesk.routing.StopInput("Shop " + i, null, depot.getLatitude() + 0.01 * (i - 2),
                    depot.getLongitude() + 0.015 * (i % 2), 20, null, null, 5, com.fleetdesk.routing.StopPriority.NORMAL, null));
        }
        RoutePlanView view = navigate(RoutePlanView.class, plan.getId());
        test(view.solve).click();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).pollInSameThread()
                .until(() -> routing.plan(plan.getId()).getStatus() == RoutePlanStatus.SOLVED && !routing.isSolving(plan.getId()));
        view.reload();
        assertThat(view.summary.getText()).startsWith("Feasible, every stop routed");
        assertThat(view.routes.getChildren().filter(c -> c instanceof com.vaadin.flow.component.html.H3).map(c -> c.getElement().getText()))
                .isNotEmpty().allMatch(t -> t.matches("Route \\d · .*: \\d stops, .* km, .*kg CO₂, £.*"));
        assertThat(view.map.getPolylines()).isNotEmpty();
        assertThat(view.dispatch.isEnabled()).isTrue();

        var stop = view.moveStop.getListDataView().getItems().filter(s -> s.getLabel().equals("Shop 0")).findFirst().orElseThrow();
        view.moveStop.setValue(stop);
        view.moveRoute.setValue(view.moveRoute.getListDataView().getItems().filter(t -> t.planVehicleId() == null).findFirst().orElseThrow());
        test(view.move).click();
        assertThat(test(view.unassigned).size()).isEqualTo(1);
        assertThat(test(view.unassigned).getCellText(0, 1)).isEqualTo("Taken off the routes by hand");

        // Dragged from "Stops left out" to the top of a route: back on that route, first.
        Long route = view.moveRoute.getListDataView().getItems().filter(t -> t.planVehicleId() != null).findFirst().orElseThrow().planVehicleId();
        view.dragged = new RoutePlanView.DraggedStop(stop.getId(), null, 0);
        view.dropStop(route, 1);
        assertThat(test(view.unassigned).size()).isZero();
        assertThat(routing.result(plan.getId()).routes()).filteredOn(r -> r.planVehicleId() == route).singleElement()
                .satisfies(r -> assertThat(r.stops().getFirst().label()).isEqualTo("Shop 0"));

        test(view.dispatch).click();
        assertThat(view.statusLine.getElement().getTextRecursively()).startsWith("Dispatched");
        assertThat(view.addStop.isEnabled()).isFalse();
        assertThat(view.solve.isEnabled()).isFalse();
        assertThat(view.mapHint.getText()).contains("can no longer be edited");
    }
}
