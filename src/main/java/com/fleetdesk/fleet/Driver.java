package com.fleetdesk.fleet;

import com.fleetdesk.base.domain.AuditedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.Locale;

@Entity
@Table(name = "driver")
public class Driver extends AuditedEntity {

    @NotBlank(message = "Enter the first name")
    @Size(max = 60, message = "At most 60 characters")
    @Column(name = "first_name")
    private String firstName;

    @NotBlank(message = "Enter the last name")
    @Size(max = 60, message = "At most 60 characters")
    @Column(name = "last_name")
    private String lastName;

    @NotBlank(message = "Enter the driving licence number")
    @Size(max = 40, message = "At most 40 characters")
    @Pattern(regexp = "[A-Z0-9][A-Z0-9 -]*", message = "Use letters, digits, spaces and dashes")
    @Column(name = "licence_number")
    private String licenceNumber;

    @NotNull(message = "Enter the licence expiry date")
    @Column(name = "licence_expiry")
    private LocalDate licenceExpiry;

    @Size(max = 40, message = "At most 40 characters")
    @Pattern(regexp = "|\\+?[0-9 ()/-]{6,40}", message = "Enter a phone number such as +44 20 7946 0958")
    private String phone;

    @Size(max = 200, message = "At most 200 characters")
    @Email(message = "Enter an e-mail address such as name@example.com")
    private String email;

    @NotNull(message = "Choose the depot")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "depot_id")
    private Depot depot;

    @NotNull
    @Enumerated(EnumType.STRING)
    private DriverStatus status = DriverStatus.ACTIVE;

    @OneToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_account_id")
    private UserAccount userAccount;

    public boolean licenceExpiredOn(LocalDate day) {
        return licenceExpiry != null && licenceExpiry.isBefore(day);
    }

    public String fullName() {
        return firstName + " " + lastName;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getLicenceNumber() {
        return licenceNumber;
    }

    public void setLicenceNumber(String licenceNumber) {
        this.licenceNumber = licenceNumber == null ? null : licenceNumber.strip().toUpperCase(Locale.ROOT);
    }

    public LocalDate getLicenceExpiry() {
        return licenceExpiry;
    }

    public void setLicenceExpiry(LocalDate licenceExpiry) {
        this.licenceExpiry = licenceExpiry;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone == null || phone.isBlank() ? null : phone.strip();
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null || email.isBlank() ? null : email.strip();
    }

    public Depot getDepot() {
        return depot;
    }

    public void setDepot(Depot depot) {
        this.depot = depot;
    }

    public DriverStatus getStatus() {
        return status;
    }

    public void setStatus(DriverStatus status) {
        this.status = status;
    }

    public UserAccount getUserAccount() {
        return userAccount;
    }

    public void setUserAccount(UserAccount userAccount) {
        this.userAccount = userAccount;
    }

    @Override
    public String toString() {
        return fullName();
    }
}
