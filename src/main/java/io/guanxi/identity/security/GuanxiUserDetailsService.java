package io.guanxi.identity.security;

import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.domain.User;
import io.guanxi.identity.domain.UserRepository;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

@Component
class GuanxiUserDetailsService implements UserDetailsService {

    private final UserRepository users;

    GuanxiUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public GuanxiUserDetails loadUserByUsername(String username) {
        return users.findByUsername(username)
                .map(GuanxiUserDetailsService::details)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    static GuanxiUserDetails details(User user) {
        return new GuanxiUserDetails(
                new CurrentUser(
                        user.id(),
                        user.username(),
                        user.displayName(),
                        user.role(),
                        user.scope(),
                        user.storeId(),
                        user.teamId()),
                user.passwordHash(),
                user.enabled());
    }
}
