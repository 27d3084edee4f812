package com.fleetdesk.base.preferences;

import com.fleetdesk.base.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** Settings the signed-in user chose for themselves; nobody can read or change another user's. */
@Service
public class UserPreferenceService {

    public static final String COLOR_SCHEME = "color-scheme";

    private final UserPreferenceRepository preferences;

    UserPreferenceService(UserPreferenceRepository preferences) {
        this.preferences = preferences;
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional(readOnly = true)
    public Optional<String> mine(String name) {
        return preferences.findById(new UserPreference.Key(CurrentUser.requireUsername(), name)).map(UserPreference::value);
    }

    @PreAuthorize("isAuthenticated()")
    @Transactional
    public void setMine(String name, String value) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("A preference value must be 1 to 200 characters.");
        }
        var key = new UserPreference.Key(CurrentUser.requireUsername(), name);
        preferences.findById(key).ifPresentOrElse(p -> p.change(value),
                () -> preferences.save(new UserPreference(key.username(), name, value)));
    }
}
