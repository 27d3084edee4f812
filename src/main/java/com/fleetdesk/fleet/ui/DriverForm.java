package com.fleetdesk.fleet.ui;

import com.fleetdesk.base.security.CurrentUser;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.ui.EditDialog;
import com.fleetdesk.fleet.Depot;
import com.fleetdesk.fleet.DepotService;
import com.fleetdesk.fleet.Driver;
import com.fleetdesk.fleet.DriverService;
import com.fleetdesk.fleet.DriverStatus;
import com.fleetdesk.fleet.UserAccount;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.function.SerializableConsumer;

import java.util.List;

class DriverForm extends EditDialog<Driver> {

    final TextField firstName = new TextField("First name");
    final TextField lastName = new TextField("Last name");
    final TextField licenceNumber = new TextField("Driving licence number");
    final DatePicker licenceExpiry = new DatePicker("Licence expiry");
    final TextField phone = new TextField("Phone");
    final EmailField email = new EmailField("E-mail");
    final ComboBox<Depot> depot = new ComboBox<>("Depot");
    final Select<DriverStatus> status = new Select<>();
    final ComboBox<UserAccount> userAccount = new ComboBox<>("Sign-in account");
    private final DriverService drivers;

    DriverForm(DriverService drivers, DepotService depots, SerializableConsumer<Driver> afterSave) {
        super("Driver", Driver.class, drivers::save, afterSave);
        this.drivers = drivers;
        depot.setItems(depots.visibleDepots());
        depot.setItemLabelGenerator(Depot::getName);
        status.setLabel("Status");
        status.setItems(DriverStatus.values());
        status.setItemLabelGenerator(DriverStatus::label);
        userAccount.setItemLabelGenerator(a -> a.getFullName() + " (" + a.getUsername() + ")");
        userAccount.setClearButtonVisible(true);
        userAccount.setHelperText("Links the driver to the account they sign in with");
        binder.bindInstanceFields(this);
        form.add(firstName, lastName, licenceNumber, licenceExpiry, phone, email, depot, status, userAccount);
    }

    @Override
    public void edit(Driver driver) {
        setHeaderTitle(driver.isNew() ? "New driver" : "Driver " + driver.fullName());
        List<UserAccount> linkable = CurrentUser.hasAnyRole(Role.ADMIN, Role.FLEET_MANAGER)
                ? drivers.linkableAccounts(driver)
                : driver.getUserAccount() == null ? List.of() : List.of(driver.getUserAccount());
        userAccount.setItems(linkable);
        super.edit(driver);
    }
}
