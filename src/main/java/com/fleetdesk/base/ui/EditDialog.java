package com.fleetdesk.base.ui;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.InvalidInputException;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.function.SerializableFunction;
import org.springframework.security.access.AccessDeniedException;

/**
 * A modal form for one record: validates with Bean Validation as the user types, saves through
 * a service, and shows what the service refused next to the field it concerns, or at the top
 * for a stale edit ("changed by someone else") or missing rights. Escape cancels.
 */
public class EditDialog<T> extends Dialog {

    protected final BeanValidationBinder<T> binder;
    protected final FormLayout form = new FormLayout();
    private final Paragraph problem = new Paragraph();
    private SerializableFunction<T, T> save;
    private final SerializableConsumer<T> afterSave;
    private final Button saveButton = new Button("Save");
    private T bean;

    public EditDialog(String title, Class<T> type, SerializableFunction<T, T> save, SerializableConsumer<T> afterSave) {
        this.binder = new BeanValidationBinder<>(type);
        this.save = save;
        this.afterSave = afterSave;
        setHeaderTitle(title);
        setModal(true);
        setCloseOnEsc(true);
        setWidth("min(56rem, 100vw)");
        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32em", 2));
        add(problem, form);
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        saveButton.addClickListener(e -> saveClicked());
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, saveButton);
    }

    public void edit(T record) {
        this.bean = record;
        problem.setVisible(false);
        binder.readBean(record);
        open();
    }

    /** For forms whose save needs more than the bound record (e.g. a password field). */
    protected void setSaveAction(SerializableFunction<T, T> save) {
        this.save = save;
    }

    public T bean() {
        return bean;
    }

    /** Hides the save button for people who may look but not change. */
    public void setReadOnly(boolean readOnly) {
        binder.setReadOnly(readOnly);
        saveButton.setVisible(!readOnly);
    }

    private void saveClicked() {
        problem.setVisible(false);
        try {
            if (!binder.writeBeanIfValid(bean)) {
                binder.validate();
                return;
            }
            T saved = save.apply(bean);
            close();
            afterSave.accept(saved);
        } catch (InvalidInputException e) {
            showProblem(e.field().orElse(null), e.getMessage());
        } catch (ChangedBySomeoneElseException e) {
            showProblem(null, e.getMessage());
        } catch (AccessDeniedException e) {
            showProblem(null, "You are not allowed to do this: " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            showProblem(null, e.getMessage());
        }
    }

    private void showProblem(String field, String message) {
        if (field != null) {
            var binding = binder.getBinding(field);
            if (binding.isPresent() && binding.get().getField() instanceof HasValidation v) {
                v.setErrorMessage(message);
                v.setInvalid(true);
                if (v instanceof Component c && c instanceof com.vaadin.flow.component.Focusable<?> f) {
                    f.focus();
                }
            }
        }
        problem.setText(message);
        problem.setVisible(true);
    }
}
