package com.fleetdesk.trips.ui;

import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.trips.ExpenseType;
import com.fleetdesk.trips.ReceiptFile;
import com.fleetdesk.trips.TripExpense;
import com.fleetdesk.trips.TripLogService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.binder.BeanValidationBinder;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;
import com.vaadin.flow.server.streams.UploadHandler;

import java.time.LocalDate;

/** Adds an expense to a trip, optionally with a receipt photo or PDF (checked on the server). */
class ExpenseDialog extends Dialog {

    final Select<ExpenseType> type = new Select<>();
    final BigDecimalField amount = new BigDecimalField("Amount");
    final TextField currency = new TextField("Currency");
    final DatePicker spentOn = new DatePicker("Date");
    final TextField description = new TextField("Description");
    final Upload receipt;
    final Span receiptStatus = new Span("No receipt attached.");
    final Paragraph problem = new Paragraph();
    final Button save = new Button("Add expense");
    private final BeanValidationBinder<TripExpense> binder = new BeanValidationBinder<>(TripExpense.class);
    private ReceiptFile receiptFile;

    ExpenseDialog(TripLogService trips, long tripId, String tripCurrency, Runnable afterSave) {
        setHeaderTitle("Add expense");
        setWidth("min(40rem, 100vw)");
        type.setLabel("Type");
        type.setItems(ExpenseType.values());
        type.setItemLabelGenerator(ExpenseType::label);
        currency.setMaxLength(3);
        currency.setHelperText("ISO code, e.g. GBP");
        binder.bindInstanceFields(this);
        TripExpense bean = new TripExpense(ExpenseType.FUEL, null, tripCurrency, LocalDate.now(TripForm.ZONE), null);
        binder.readBean(bean);

        UploadHandler handler = new InMemoryUploadHandler((metadata, data) -> {
            // Runs on the upload request; the server decides what the file is, not the browser.
            UI ui = getUI().orElseThrow();
            ui.access(() -> acceptReceipt(metadata.fileName(), data));
        }) {
            @Override
            public long getFileSizeMax() {
                return ReceiptFile.MAX_BYTES;
            }
        };
        receipt = new Upload(handler);
        receipt.setMaxFiles(1);
        receipt.setMaxFileSize(ReceiptFile.MAX_BYTES);
        receipt.setAcceptedFileTypes("image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf", ".jpg", ".jpeg", ".png", ".webp", ".heic", ".pdf");
        receipt.addFileRejectedListener(e -> showProblem(e.getErrorMessage()));
        receipt.addFailedListener(e -> showProblem("The receipt could not be uploaded: " + e.getReason().getMessage()));
        receipt.getElement().setAttribute("aria-label", "Receipt file (photo or PDF, up to 5 MB)");
        receiptStatus.getElement().setAttribute("aria-live", "polite");

        problem.addClassName("form-problem");
        problem.getElement().setAttribute("role", "alert");
        problem.setVisible(false);

        FormLayout form = new FormLayout(type, amount, currency, spentOn, description);
        form.setColspan(description, 2);
        Paragraph receiptLabel = new Paragraph("Receipt: a photo (JPEG, PNG, WebP, HEIC) or PDF, up to 5 MB.");
        add(problem, form, receiptLabel, receipt, receiptStatus);

        save.addClickListener(e -> {
            problem.setVisible(false);
            // A new entity per attempt: one whose save failed (e.g. the storage was full) carries the id and version
            // of a rolled-back row, and saving it again would fail as "changed by someone else".
            TripExpense attempt = new TripExpense(ExpenseType.FUEL, null, tripCurrency, LocalDate.now(TripForm.ZONE), null);
            if (!binder.writeBeanIfValid(attempt)) {
                return;
            }
            try {
                trips.addExpense(tripId, attempt, receiptFile);
                close();
                afterSave.run();
            } catch (InvalidInputException ex) {
                showProblem(ex.getMessage());
            } catch (org.springframework.security.access.AccessDeniedException ex) {
                showProblem("You are not allowed to do this: " + ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    void acceptReceipt(String fileName, byte[] data) {
        try {
            receiptFile = ReceiptFile.inspect(fileName, data);
            receiptStatus.setText("Receipt attached: " + receiptFile.fileName() + " (" + receiptFile.contentType() + ").");
            problem.setVisible(false);
        } catch (InvalidInputException e) {
            receiptFile = null;
            receiptStatus.setText("No receipt attached.");
            receipt.clearFileList();
            showProblem(e.getMessage());
        }
    }

    private void showProblem(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }
}
