package com.fleetdesk.analytics.ui;

import com.vaadin.flow.component.charts.model.Configuration;
import com.vaadin.flow.component.charts.model.DataLabels;
import com.vaadin.flow.component.charts.model.ListSeries;
import com.vaadin.flow.component.charts.model.PlotOptionsLine;
import com.vaadin.flow.component.charts.model.YAxis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/** Small helpers the dashboards share to fill chart configurations and write numbers as text. */
final class Charts {

    private Charts() {
    }

    /** One series over {@code categories}; values are labelled on the bars so colour carries no meaning alone. */
    static ListSeries series(Configuration conf, String name, String axisTitle, List<String> categories, List<? extends Number> values) {
        conf.getxAxis().setCategories(categories.toArray(String[]::new));
        conf.getyAxis().setTitle(axisTitle);
        ListSeries series = new ListSeries(name, values.stream().map(Number.class::cast).toList());
        conf.addSeries(series);
        return series;
    }

    static void labelValues(ListSeries series) {
        var options = new com.vaadin.flow.component.charts.model.PlotOptionsSeries();
        options.setDataLabels(new DataLabels(true));
        series.setPlotOptions(options);
    }

    /** A line on a second axis at the right, e.g. CO₂ next to distance. */
    static ListSeries lineOnSecondAxis(Configuration conf, String name, String axisTitle, List<? extends Number> values) {
        YAxis right = new YAxis();
        right.setTitle(axisTitle);
        right.setOpposite(true);
        conf.addyAxis(right);
        ListSeries line = new ListSeries(name, values.stream().map(Number.class::cast).toList());
        line.setPlotOptions(new PlotOptionsLine());
        line.setyAxis(1);
        conf.addSeries(line);
        conf.getLegend().setEnabled(true);
        return line;
    }

    static String km(double km) {
        return String.format(Locale.UK, "%,.0f km", km);
    }

    static String number(double value, int decimals) {
        return String.format(Locale.UK, "%,." + decimals + "f", value);
    }

    static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    static String money(String currency, BigDecimal amount) {
        return currency + " " + String.format(Locale.UK, "%,.2f", amount);
    }

    static String percent(double value) {
        return String.format(Locale.UK, "%.1f %%", value);
    }
}
