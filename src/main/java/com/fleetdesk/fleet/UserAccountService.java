package com.fleetdesk.fleet;

import com.fleetdesk.base.domain.ChangedBySomeoneElseException;
import com.fleetdesk.base.domain.EntityValidation;
import com.fleetdesk.base.domain.InvalidInputException;
import com.fleetdesk.base.security.Role;
import com.fleetdesk.base.security.Authority;
import org.springframework.security.access.annotation.Secured;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/** User accounts with BCrypt-hashed passwords; the source of sign-in for Spring Security. */
@Service
public class UserAccountService implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 8;

    private final UserAccountRepository accounts;
    private final PasswordEncoder passwordEncoder;
    private final EntityValidation validation;

    UserAccountService(UserAccountRepository accounts, PasswordEncoder passwordEncoder, EntityValidation validation) {
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.validation = validation;
    }

    @Override
    @Transactional(readOnly = true)
    @com.fleetdesk.base.security.SystemOperation("sign-in")
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = accounts.findByUsernameIgnoreCase(username)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
        return User.withUsername(account.getUsername())
                .password(account.getPasswordHash())
                .disabled(!account.isEnabled())
                .authorities(account.getRoles().stream().map(Role::authority).toArray(String[]::new))
                .build();
    }

    @Secured(Authority.ADMIN)
    @Transactional(readOnly = true)
    public List<UserAccount> list() {
        return accounts.findAllByOrderByUsername();
    }

    /** Saves an account; {@code newPassword} may be null to keep the current one (not for new accounts). */
    @Secured(Authority.ADMIN)
    @Transactional
    public UserAccount save(UserAccount account, String newPassword) {
        validation.require(account);
        if (account.getRoles().isEmpty()) {
            throw new InvalidInputException("roles", "Give the user at least one role");
        }
        accounts.findByUsernameIgnoreCase(account.getUsername())
                .filter(other -> !other.getId().equals(account.getId()))
                .ifPresent(other -> {
                    throw new InvalidInputException("username", "Username " + account.getUsername() + " is taken");
                });
        if (newPassword != null && !newPassword.isEmpty()) {
            if (newPassword.length() < MIN_PASSWORD_LENGTH) {
                throw new InvalidInputException("password", "A password needs at least " + MIN_PASSWORD_LENGTH + " characters");
            }
            account.setPasswordHash(passwordEncoder.encode(newPassword));
        } else if (account.isNew() || account.getPasswordHash() == null) {
            throw new InvalidInputException("password", "Set a password for the new user");
        }
        try {
            return accounts.saveAndFlush(account);
        } catch (ObjectOptimisticLockingFailureException e) {
            throw new ChangedBySomeoneElseException("User " + account.getUsername());
        }
    }
}
