package com.fleetdesk.inventory.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.ui.Feedback;
import com.fleetdesk.inventory.InventoryCatalog;
import com.fleetdesk.inventory.LevelSettings;
import com.fleetdesk.inventory.StockRow;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import org.springframework.security.access.AccessDeniedException;

import java.util.List;

/**
 * Reorder point, critical point, maximum level and bin of one stock line. Quantities are not
 * touched; the last saved settings win (stock movements bump the line's version all the time, so
 * a version check here would refuse nearly every edit of a busy part).
 */
class LevelSettingsDialog extends Dialog {

    final BigDecimalField reorderPoint = new BigDecimalField("Reorder point");
    final BigDecimalField criticalPoint = new BigDecimalField("Critical point");
    final BigDecimalField maxLevel = new BigDecimalField("Maximum level");
    final TextField bin = new TextField("Bin");
    final Paragraph problem = new Paragraph();
    final Button save = new Button("Save");
    private final InventoryCatalog catalog;
    private StockRow row;

    LevelSettingsDialog(InventoryCatalog catalog) {
        this.catalog = catalog;
        setModal(true);
        setCloseOnEsc(true);
        setWidth("min(36rem, 100vw)");
        reorderPoint.setHelperText("Alert and reorder at or below this");
        criticalPoint.setHelperText("At or below the reorder point");
        maxLevel.setHelperText("Reorders fill up to this");
        bin.setMaxLength(40);
        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);
        add(problem, new FormLayout(reorderPoint, criticalPoint, maxLevel, bin));
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> save());
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    void open(StockRow row) {
        this.row = row;
        setHeaderTitle(row.partNumber() + " at " + row.locationName());
        LevelSettings s = catalog.levelSettings(row.partId(), row.locationId());
        reorderPoint.setValue(s.reorderPoint());
        criticalPoint.setValue(s.criticalPoint());
        maxLevel.setValue(s.maxLevel());
        bin.setValue(s.bin() == null ? "" : s.bin());
        problem.setVisible(false);
        for (HasValidation f : List.<HasValidation>of(reorderPoint, criticalPoint, maxLevel)) {
            f.setInvalid(false);
        }
        open();
    }

    void save() {
        try {
            catalog.setLevelSettings(row.partId(), row.locationId(), reorderPoint.getValue(), criticalPoint.getValue(), maxLevel.getValue(),
                    bin.getValue().isBlank() ? null : bin.getValue().strip());
            close();
            Feedback.saved("Settings of " + row.partNumber() + " at " + row.locationName() + " saved");
        } catch (InvalidInputException e) {
            HasValidation target = switch (e.field().orElse("")) {
                case "criticalPoint" -> criticalPoint;
                case "maxLevel" -> maxLevel;
                default -> reorderPoint;
            };
            target.setErrorMessage(e.getMessage());
            target.setInvalid(true);
            problem.setText(e.getMessage());
            problem.setVisible(true);
        } catch (AccessDeniedException e) {
            problem.setText("You are not allowed to do this: " + e.getMessage());
            problem.setVisible(true);
        }
    }
}
