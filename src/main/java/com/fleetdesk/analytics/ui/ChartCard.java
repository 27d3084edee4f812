package com.fleetdesk.analytics.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.charts.Chart;
import com.vaadin.flow.component.charts.model.ChartType;
import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.Credits;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dashboard chart: a heading, a sentence with its key number (read by screen readers and
 * by anyone who prefers text), the chart in styled mode (colours from the app theme's CSS, so
 * light and dark both work) and a "Show records" button. Clicking a point or the button opens
 * the rows behind it.
 */
public class ChartCard extends Div {

    /** Opens the records behind a point: series index and point index, as the chart reports them. */
    @FunctionalInterface
    public interface PointDrillDown {
        void open(int series, int point);
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    final H2 title;
    final Paragraph summary = new Paragraph();
    final Button showRecords = new Button("Show records", VaadinIcon.TABLE.create());
    private Chart chart;
    private PointDrillDown drillDown = (s, p) -> { };

    public ChartCard(String title) {
        int id = IDS.incrementAndGet();
        this.title = new H2(title);
        this.title.setId("chart-title-" + id);
        summary.setId("chart-summary-" + id);
        summary.addClassName("chart-summary");
        addClassName("chart-card");
        // A figure named by its heading and described by the summary sentence.
        getElement().setAttribute("role", "figure");
        getElement().setAttribute("aria-labelledby", this.title.getId().orElseThrow());
        getElement().setAttribute("aria-describedby", summary.getId().orElseThrow());
        showRecords.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        showRecords.getElement().setAttribute("aria-label", "Show records: " + title);
        add(this.title, summary, newChart(ChartType.COLUMN), showRecords);
    }

    public String titleText() {
        return title.getText();
    }

    public String summaryText() {
        return summary.getText();
    }

    public Chart chart() {
        return chart;
    }

    /** A fresh chart of {@code type} in place of the previous one (a redraw from scratch on refresh). */
    public Configuration reset(ChartType type, String summaryText) {
        summary.setText(summaryText);
        Chart fresh = newChart(type);
        replace(chart, fresh);
        chart = fresh;
        return fresh.getConfiguration();
    }

    private Chart newChart(ChartType type) {
        Chart c = new Chart(type);
        c.addClassName("dashboard-chart");
        Configuration conf = c.getConfiguration();
        conf.getChart().setStyledMode(true);
        conf.setCredits(new Credits(false));
        conf.setTitle("");
        conf.getLegend().setEnabled(false);
        c.addPointClickListener(e -> drillDown.open(e.getSeriesItemIndex(), e.getItemIndex()));
        if (chart == null) {
            chart = c;
        }
        return c;
    }

    public void onPointClick(PointDrillDown drillDown) {
        this.drillDown = drillDown;
    }

    public void onShowRecords(Runnable action) {
        showRecords.addClickListener(e -> action.run());
    }
}
