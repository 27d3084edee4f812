package com.fleetdesk.analytics.ui;

import com.fleetdesk.analytics.AnalyticsFilter;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.live.LiveEvent;
import com.fleetdesk.base.live.LiveEventBus;
import com.fleetdesk.analytics.DepotChoice;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import org.springframework.security.access.AccessDeniedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A dashboard: the shared filter (period and depot), a grid of {@link ChartCard}s and live
 * refresh. When the data behind it changes the dashboard redraws by push, at most once per
 * {@link #THROTTLE}, so a burst of changes (a busy ingest, a bulk stock count) costs one redraw.
 * <p>
 * Extension point: a further dashboard (support, say) extends this class, adds its cards in the
 * constructor, fills them in {@link #render(AnalyticsFilter)} and names the events that should
 * refresh it with {@link #refreshOn(LiveEventBus, Class)}.
 */
public abstract class DashboardView extends Main {

    static final Duration THROTTLE = Duration.ofSeconds(10);
    private static final ScheduledExecutorService DEFERRED = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("dashboard-refresh").unstarted(r));
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");
    final ComboBox<DepotChoice> depot = new ComboBox<>("Depot");
    final Paragraph status = new Paragraph();
    final Div cards = new Div();
    Duration throttle = THROTTLE;
    Clock clock = Clock.systemUTC();
    private Instant lastRender = Instant.EPOCH;
    private boolean refreshPending;
    private int renders;

    protected DashboardView(String heading, java.util.List<DepotChoice> depots) {
        addClassNames("dashboard-view");
        AnalyticsFilter initial = AnalyticsFilter.lastThreeMonths(LocalDate.now(ZONE));
        from.setValue(initial.from());
        to.setValue(initial.to());
        depot.setItems(depots);
        depot.setItemLabelGenerator(DepotChoice::name);
        depot.setClearButtonVisible(true);
        depot.setPlaceholder("All my depots");
        depot.setHelperText("Empty: every depot you work for");
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        depot.addValueChangeListener(e -> refresh());
        FlexLayout filters = new FlexLayout(from, to, depot);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.addClassNames("filter-bar");
        status.addClassName("dashboard-status");
        // Announces "updated" politely when the dashboard redraws by itself.
        status.getElement().setAttribute("aria-live", "polite");
        cards.addClassName("dashboard-cards");
        add(new H1(heading), filters, status, cards);
    }

    /** The filter the fields describe now. */
    public AnalyticsFilter filter() {
        return new AnalyticsFilter(from.getValue(), to.getValue(), depot.getValue() == null ? null : depot.getValue().id());
    }

    /** Fills every card for {@code filter}; called on the UI thread with the session lock held. */
    protected abstract void render(AnalyticsFilter filter);

    /** Redraws the dashboard when an event of {@code type} arrives, throttled. */
    protected <E extends LiveEvent> void refreshOn(LiveEventBus live, Class<E> type) {
        live.subscribe(this, type, e -> dataChanged());
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        if (renders == 0) {
            refresh();
        }
    }

    /** Redraws now with the current filter; field problems are shown on the fields. */
    public final void refresh() {
        from.setInvalid(false);
        to.setInvalid(false);
        depot.setInvalid(false);
        AnalyticsFilter filter = filter();
        try {
            render(filter);
            renders++;
            lastRender = clock.instant();
            status.setText("Updated at " + LocalTime.now(ZONE).format(DateTimeFormatter.ofPattern("HH:mm:ss"))
                    + ". The dashboard follows new data by itself.");
        } catch (InvalidInputException e) {
            DatePicker field = "from".equals(e.field().orElse("")) ? from : to;
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            status.setText(e.getMessage());
        } catch (AccessDeniedException e) {
            depot.setErrorMessage(e.getMessage());
            depot.setInvalid(true);
            status.setText(e.getMessage());
        }
    }

    /** New data arrived: redraw now, or once the throttle interval since the last redraw has passed. */
    void dataChanged() {
        if (refreshPending) {
            return;
        }
        Duration since = Duration.between(lastRender, clock.instant());
        if (since.compareTo(throttle) >= 0) {
            refresh();
            return;
        }
        refreshPending = true;
        UI ui = UI.getCurrent();
        long wait = throttle.minus(since).toMillis();
        DEFERRED.schedule(() -> ui.access(() -> {
            refreshPending = false;
            if (isAttached()) {
                refresh();
            }
        }), wait, TimeUnit.MILLISECONDS);
    }

    boolean refreshPending() {
        return refreshPending;
    }

    int renders() {
        return renders;
    }

    protected ChartCard card(String title) {
        ChartCard card = new ChartCard(title);
        cards.add(card);
        return card;
    }
}
