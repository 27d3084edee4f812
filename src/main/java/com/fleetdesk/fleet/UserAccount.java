package com.fleetdesk.fleet;

import com.fleetdesk.base.domain.AuditedEntity;
import com.fleetdesk.base.security.Role;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/** A person who signs in, with their roles and the depots they work for. */
@Entity
@Table(name = "user_account")
public class UserAccount extends AuditedEntity {

    @NotBlank(message = "Enter a username")
    @Size(min = 3, max = 100, message = "3 to 100 characters")
    @Pattern(regexp = "[a-z0-9._-]+", message = "Use lower-case letters, digits and . _ -")
    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    @NotBlank(message = "Enter the full name")
    @Size(max = 120, message = "At most 120 characters")
    @Column(name = "full_name")
    private String fullName;

    @Email(message = "Enter an e-mail address such as name@example.com")
    @Size(max = 200)
    private String email;

    private boolean enabled = true;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "user_account_role", joinColumns = @JoinColumn(name = "user_account_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role")
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @ManyToMany(fetch = FetchType.EAGER)
    @JoinTable(name = "user_account_depot",
            joinColumns = @JoinColumn(name = "user_account_id"),
            inverseJoinColumns = @JoinColumn(name = "depot_id"))
    private Set<Depot> depots = new HashSet<>();

    protected UserAccount() {
    }

    public UserAccount(String username, String fullName) {
        this.username = username;
        this.fullName = fullName;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean worksAt(Long depotId) {
        return depots.stream().anyMatch(d -> d.getId().equals(depotId));
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    public String getFullName() {
        return fullName;
    }

    public void setFullName(String fullName) {
        this.fullName = fullName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email == null || email.isBlank() ? null : email.strip();
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Set<Role> getRoles() {
        return roles;
    }

    public void setRoles(Set<Role> roles) {
        this.roles = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public Set<Depot> getDepots() {
        return depots;
    }

    public void setDepots(Set<Depot> depots) {
        this.depots = depots == null ? new HashSet<>() : new HashSet<>(depots);
    }

    @Override
    public String toString() {
        return fullName + " (" + username + ")";
    }
}
