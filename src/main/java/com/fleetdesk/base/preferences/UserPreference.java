package com.fleetdesk.base.preferences;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;

/** One remembered per-user setting, such as the colour scheme. */
@Entity
@Table(name = "user_preference")
class UserPreference {

    @EmbeddedId
    private Key key;

    @Column(name = "pref_value", nullable = false, length = 200)
    private String value;

    protected UserPreference() {
    }

    UserPreference(String username, String name, String value) {
        this.key = new Key(username, name);
        this.value = value;
    }

    String value() {
        return value;
    }

    void change(String newValue) {
        this.value = newValue;
    }

    @Embeddable
    record Key(@Column(name = "username", length = 100) String username,
               @Column(name = "pref_key", length = 60) String name) implements Serializable {
    }
}
