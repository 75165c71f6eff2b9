package io.guanxi.identity.security;

import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.Permission;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The security principal: the current user plus the authorities derived from the role. */
public final class GuanxiUserDetails implements UserDetails, CredentialsContainer {

    private final CurrentUser currentUser;
    private String passwordHash;
    private final boolean enabled;

    public GuanxiUserDetails(CurrentUser currentUser, String passwordHash, boolean enabled) {
        this.currentUser = currentUser;
        this.passwordHash = passwordHash;
        this.enabled = enabled;
    }

    public CurrentUser currentUser() {
        return currentUser;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + currentUser.role().name()));
        for (Permission permission : currentUser.role().permissions()) {
            authorities.add(new SimpleGrantedAuthority(permission.authority()));
        }
        return authorities;
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return currentUser.username();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
