package io.guanxi.identity.security;

import io.guanxi.identity.NewUser;
import io.guanxi.identity.Role;
import io.guanxi.identity.domain.UserManagement;
import io.guanxi.identity.domain.UserRepository;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * On the first start, creates the user {@code admin} with the password from
 * {@code GUANXI_ADMIN_PASSWORD}, or a generated one that is printed once in the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserRepository users;
    private final UserManagement management;
    private final String configuredPassword;

    AdminBootstrap(
            UserRepository users,
            UserManagement management,
            @Value("${guanxi.identity.admin-password:}") String configuredPassword) {
        this.users = users;
        this.management = management;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.existsByUsername("admin")) {
            return;
        }
        boolean generated = configuredPassword == null || configuredPassword.isBlank();
        String password = generated ? generate() : configuredPassword;
        try {
            management.createUser(new NewUser("admin", "Administrator", null, password, Role.ADMIN, null, null, null));
        } catch (DuplicateKeyException e) {
            return; // another instance created it at the same moment
        }
        if (generated) {
            log.warn(
                    "\n\n    Created the administrator 'admin' with the generated password: {}\n"
                            + "    It is shown only this once. Sign in and change it under Account.\n",
                    password);
        } else {
            log.info("Created the administrator 'admin' with the password from GUANXI_ADMIN_PASSWORD");
        }
    }

    private static String generate() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
