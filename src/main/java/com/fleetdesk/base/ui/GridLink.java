package com.fleetdesk.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.RouteConfiguration;

/**
 * A link from each row of a grid to that row's own screen, as a template rather than a
 * {@code RouterLink} component per cell (see {@link StatusBadge#renderer}); {@code router-link}
 * lets the client router follow it without reloading the page, as a {@code RouterLink} does.
 */
public final class GridLink {

    private GridLink() {
    }

    public static <R, C extends Component & HasUrlParameter<Long>> LitRenderer<R> to(
            String text, Class<? extends C> view, SerializableFunction<R, Long> id) {
        String base = addressWithoutId(view);
        return LitRenderer.<R>of("<a href=\"${item.href}\" router-link>" + text + "</a>")
                .withProperty("href", row -> base + id.apply(row));
    }

    /**
     * The address of a view that takes an id, up to the id. Asked once per grid, not per row:
     * Vaadin answers every {@code getUrl} by listing the view class's methods.
     */
    public static <C extends Component & HasUrlParameter<Long>> String addressWithoutId(Class<? extends C> view) {
        String url = RouteConfiguration.forApplicationScope().getUrl(view, 0L);
        return url.substring(0, url.length() - 1);
    }
}
