package com.fleetdesk.inventory;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A supplier as its form edits it. */
public class SupplierForm {

    private Long id;
    private long version;
    @NotBlank(message = "Give the supplier's name")
    @Size(max = 200, message = "At most 200 characters")
    private String name;
    @Email(message = "Enter an e-mail address such as orders@supplier.example")
    @Size(max = 200, message = "At most 200 characters")
    private String email;
    @Pattern(regexp = "[0-9 +()-]*", message = "A phone number has only digits, spaces and + ( ) -")
    @Size(max = 40, message = "At most 40 characters")
    private String phone;

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }
}
