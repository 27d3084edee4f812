package com.fleetdesk.analytics.ui;

import com.fleetdesk.analytics.FleetReports;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Roles;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.access.AccessDeniedException;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * The monthly fleet report of a depot, generated in the background while a progress bar shows
 * how far it got, then offered for download.
 */
@Route("analytics/reports")
@PageTitle("Fleet reports · Fleetdesk")
@Menu(title = "Fleet reports", order = 530, icon = "vaadin:file-text-o")
@RolesAllowed({Roles.ADMIN, Roles.FLEET_MANAGER})
public class FleetReportView extends Main {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.UK);

    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final ComboBox<YearMonth> month = new ComboBox<>("Month");
    final RadioButtonGroup<FleetReports.Format> format = new RadioButtonGroup<>("Format");
    final Button generate = new Button("Generate report", VaadinIcon.FILE_PROCESS.create());
    final ProgressBar progress = new ProgressBar(0, 1);
    final Paragraph status = new Paragraph();
    final Anchor download = new Anchor();
    private final FleetReports reports;
    FleetReports.ReportFile ready;

    public FleetReportView(FleetReports reports, DepotService depots) {
        this.reports = reports;
        addClassNames("list-view");
        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        depot.setRequiredIndicatorVisible(true);
        if (depots.visibleDepots().size() == 1) {
            depot.setValue(depots.visibleDepots().getFirst());
        }
        YearMonth current = YearMonth.from(LocalDate.now(ZoneId.of("Europe/London")));
        List<YearMonth> months = new ArrayList<>();
        for (int i = 0; i <= 24; i++) {
            months.add(current.minusMonths(i));
        }
        month.setItems(months);
        month.setItemLabelGenerator(m -> m.format(MONTH));
        month.setValue(current.minusMonths(1));
        month.setRequiredIndicatorVisible(true);
        format.setItems(FleetReports.Format.values());
        format.setItemLabelGenerator(f -> f == FleetReports.Format.PDF ? "PDF (with charts)" : "Excel workbook");
        format.setValue(FleetReports.Format.PDF);
        generate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        generate.addClickListener(e -> start());
        progress.setVisible(false);
        progress.setWidth("20rem");
        progress.getElement().setAttribute("aria-label", "Report generation progress");
        status.getElement().setAttribute("aria-live", "polite");
        download.setVisible(false);
        download.getElement().setAttribute("download", true);
        download.addClassName("export-link");

        FlexLayout fields = new FlexLayout(depot, month, format);
        fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        fields.addClassNames("filter-bar");
        add(new H1("Fleet reports"),
                new Paragraph("A depot's month on a few pages: trips, distance, utilisation, cost per km, fuel spend, CO₂, alerts and"
                        + " the driver safety ranking, with charts (PDF) or as sheets (Excel)."),
                fields, new FlexLayout(generate), progress, status, download);
    }

    void start() {
        depot.setInvalid(false);
        month.setInvalid(false);
        download.setVisible(false);
        ready = null;
        UI ui = UI.getCurrent();
        try {
            var job = reports.generate(depot.getValue() == null ? null : depot.getValue().getId(), month.getValue(), format.getValue(),
                    p -> ui.access(() -> progress.setValue(p)));
            generate.setEnabled(false);
            progress.setValue(0);
            progress.setVisible(true);
            status.setText("Generating the report…");
            job.whenComplete((file, failure) -> ui.access(() -> finished(file, failure)));
        } catch (InvalidInputException e) {
            ComboBox<?> field = "depot".equals(e.field().orElse("")) ? depot : month;
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
        } catch (AccessDeniedException e) {
            depot.setErrorMessage(e.getMessage());
            depot.setInvalid(true);
        }
    }

    private void finished(FleetReports.ReportFile file, Throwable failure) {
        generate.setEnabled(true);
        progress.setVisible(false);
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            status.setText("The report could not be generated: " + cause.getMessage());
            return;
        }
        ready = file;
        status.setText("The report is ready.");
        download.setHref(DownloadHandler.fromInputStream(event -> new com.vaadin.flow.server.streams.DownloadResponse(
                new java.io.ByteArrayInputStream(file.content()), file.fileName(), file.mimeType(), file.content().length)));
        download.setText("Download " + file.fileName());
        download.setVisible(true);
    }
}
