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

    public static <R, P, C extends Component & HasUrlParameter<P>> LitRenderer<R> to(
            String text, Class<? extends C> view, SerializableFunction<R, P> parameter) {
        return LitRenderer.<R>of("<a href=\"${item.href}\" router-link>" + text + "</a>")
                .withProperty("href", row -> RouteConfiguration.forApplicationScope().getUrl(view, parameter.apply(row)));
    }
}
