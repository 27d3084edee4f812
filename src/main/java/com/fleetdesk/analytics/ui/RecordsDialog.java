package com.fleetdesk.analytics.ui;

import com.fleetdesk.analytics.AnalyticsRecords;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The rows behind a chart point, in a grid in a dialog; trips link to their detail page. */
public class RecordsDialog<T> extends Dialog {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    final Grid<T> grid;
    final Paragraph count = new Paragraph();

    RecordsDialog(String title, Grid<T> grid, List<T> rows, long total) {
        this.grid = grid;
        setHeaderTitle(title);
        grid.setItems(rows);
        grid.setAriaLabel(title);
        grid.setEmptyStateText("No records match this point and the dashboard filter.");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setWidth("min(90vw, 70rem)");
        grid.setHeight("60vh");
        count.setText(total > rows.size() ? "Showing the newest " + rows.size() + " of " + total + " records."
                : total + (total == 1 ? " record." : " records."));
        count.addClassName("chart-summary");
        add(count, grid);
        Button close = new Button("Close", e -> close());
        getFooter().add(close);
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                e.getSource().removeFromParent();
            }
        });
    }

    public Grid<T> grid() {
        return grid;
    }

    static RecordsDialog<AnalyticsRecords.TripRecord> trips(String title, AnalyticsRecords.Page<AnalyticsRecords.TripRecord> page) {
        Grid<AnalyticsRecords.TripRecord> grid = new Grid<>();
        grid.addColumn(r -> WHEN.format(r.startedAt())).setHeader("Started").setAutoWidth(true);
        grid.addColumn(AnalyticsRecords.TripRecord::vehicle).setHeader("Vehicle").setAutoWidth(true);
        grid.addColumn(AnalyticsRecords.TripRecord::driver).setHeader("Driver").setAutoWidth(true);
        grid.addColumn(AnalyticsRecords.TripRecord::depot).setHeader("Depot").setAutoWidth(true);
        grid.addColumn(AnalyticsRecords.TripRecord::purpose).setHeader("Purpose").setFlexGrow(1);
        grid.addColumn(r -> plain(r.distanceKm()) + " km").setHeader("Distance").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> r.currency() + " " + r.totalCost().toPlainString()).setHeader("Cost").setTextAlign(ColumnTextAlign.END)
                .setAutoWidth(true);
        grid.addColumn(r -> label(r.status())).setHeader("Status").setAutoWidth(true);
        grid.addColumn(r -> r.decidedAt() == null || r.submittedAt() == null ? ""
                        : String.format(Locale.UK, "%.1f h", (r.decidedAt().getEpochSecond() - r.submittedAt().getEpochSecond()) / 3600.0))
                .setHeader("Decided after").setAutoWidth(true);
        grid.addColumn(r -> r.policyViolations() == null ? "" : r.policyViolations()).setHeader("Policy").setFlexGrow(1);
        grid.addComponentColumn(r -> {
            Anchor open = new Anchor("trip/" + r.tripId(), "Open");
            open.getElement().setAttribute("aria-label", "Open trip " + r.tripId());
            return open;
        }).setHeader("Trip").setAutoWidth(true);
        return new RecordsDialog<>(title, grid, page.rows(), page.total());
    }

    static RecordsDialog<AnalyticsRecords.AlertRecord> alerts(String title, AnalyticsRecords.Page<AnalyticsRecords.AlertRecord> page) {
        Grid<AnalyticsRecords.AlertRecord> grid = new Grid<>();
        grid.addColumn(r -> WHEN.format(r.raisedAt())).setHeader("Raised").setAutoWidth(true);
        grid.addColumn(AnalyticsRecords.AlertRecord::vehicle).setHeader("Vehicle").setAutoWidth(true);
        grid.addColumn(AnalyticsRecords.AlertRecord::depot).setHeader("Depot").setAutoWidth(true);
        grid.addColumn(r -> r.kind().label()).setHeader("Type").setAutoWidth(true);
        grid.addColumn(r -> r.severity().label()).setHeader("Severity").setAutoWidth(true);
        grid.addColumn(r -> label(r.status())).setHeader("Status").setAutoWidth(true);
        grid.addColumn(AnalyticsRecords.AlertRecord::message).setHeader("Message").setFlexGrow(1);
        return new RecordsDialog<>(title, grid, page.rows(), page.total());
    }

    static RecordsDialog<AnalyticsRecords.StockLine> stock(String title, AnalyticsRecords.Page<AnalyticsRecords.StockLine> page) {
        Grid<AnalyticsRecords.StockLine> grid = new Grid<>();
        grid.addColumn(AnalyticsRecords.StockLine::location).setHeader("Location").setAutoWidth(true);
        grid.addColumn(AnalyticsRecords.StockLine::partNumber).setHeader("Part number").setAutoWidth(true);
        grid.addColumn(AnalyticsRecords.StockLine::partName).setHeader("Part").setFlexGrow(1);
        grid.addColumn(r -> plain(r.onHand())).setHeader("On hand").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> plain(r.reserved())).setHeader("Reserved").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> plain(r.reorderPoint())).setHeader("Reorder point").setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        grid.addColumn(r -> r.value().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()).setHeader("Value")
                .setTextAlign(ColumnTextAlign.END).setAutoWidth(true);
        return new RecordsDialog<>(title, grid, page.rows(), page.total());
    }

    /** The figures a chart shows, as a table: the text alternative to the chart itself. */
    @SafeVarargs
    static <R> RecordsDialog<R> table(String title, List<R> rows, Column<R>... columns) {
        Grid<R> grid = new Grid<>();
        for (Column<R> c : columns) {
            var column = grid.addColumn(c.value()::apply).setHeader(c.header()).setAutoWidth(true);
            if (c.numeric()) {
                column.setTextAlign(ColumnTextAlign.END);
            }
        }
        return new RecordsDialog<>(title, grid, rows, rows.size());
    }

    record Column<R>(String header, Function<R, String> value, boolean numeric) {
        static <R> Column<R> text(String header, Function<R, String> value) {
            return new Column<>(header, value, false);
        }

        static <R> Column<R> number(String header, Function<R, String> value) {
            return new Column<>(header, value, true);
        }
    }

    static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    static String label(String enumName) {
        String s = enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
