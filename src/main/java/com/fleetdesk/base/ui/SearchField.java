package com.fleetdesk.base.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;

/** Free-text search that waits until the user pauses typing (~300 ms) before filtering. */
public class SearchField extends TextField {

    public static final int DEBOUNCE_MS = 300;

    public SearchField(String label, String placeholder) {
        super(label);
        setPlaceholder(placeholder);
        setClearButtonVisible(true);
        setPrefixComponent(VaadinIcon.SEARCH.create());
        setValueChangeMode(ValueChangeMode.LAZY);
        setValueChangeTimeout(DEBOUNCE_MS);
    }
}
