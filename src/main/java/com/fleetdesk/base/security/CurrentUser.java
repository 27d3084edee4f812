package com.fleetdesk.base.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Who is calling, read from Spring Security's context (works in services and views alike). */
public final class CurrentUser {

    private CurrentUser() {
    }

    public static Optional<String> username() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(auth.getName());
    }

    public static String requireUsername() {
        return username().orElseThrow(() -> new org.springframework.security.access.AccessDeniedException("Sign in first."));
    }

    public static Set<Role> roles() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (auth == null) {
            return roles;
        }
        for (GrantedAuthority authority : auth.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                try {
                    roles.add(Role.valueOf(name.substring(5)));
                } catch (IllegalArgumentException ignored) {
                    // authorities that are not Fleetdesk roles
                }
            }
        }
        return roles;
    }

    public static boolean hasRole(Role role) {
        return roles().contains(role);
    }

    public static boolean hasAnyRole(Role... candidates) {
        Set<Role> mine = roles();
        for (Role r : candidates) {
            if (mine.contains(r)) {
                return true;
            }
        }
        return false;
    }
}
