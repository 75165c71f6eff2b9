package io.guanxi.identity.domain;

import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.NewStore;
import io.guanxi.identity.NewUser;
import io.guanxi.identity.StoreView;
import io.guanxi.identity.UpdateUser;
import io.guanxi.identity.UserDeactivated;
import io.guanxi.identity.UserView;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Use cases of user and organisation administration. Every change is audited. */
@Service
@Transactional
public class UserManagement {

    public static final int MIN_PASSWORD_LENGTH = 10;

    private final UserRepository users;
    private final OrganisationRepository organisation;
    private final ApiTokenRepository tokens;
    private final PasswordEncoder passwordEncoder;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    UserManagement(
            UserRepository users,
            OrganisationRepository organisation,
            ApiTokenRepository tokens,
            PasswordEncoder passwordEncoder,
            AuditTrail audit,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.organisation = organisation;
        this.tokens = tokens;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    public UserView createUser(NewUser command) {
        if (users.existsByUsername(command.username())) {
            throw ConflictException.because("Username '" + command.username() + "' is taken");
        }
        checkPassword(command.password());
        checkPlacement(command.storeId(), command.teamId());
        User user = users.insert(User.register(
                command.username(),
                command.displayName(),
                command.email(),
                passwordEncoder.encode(command.password()),
                command.role(),
                command.scope(),
                command.storeId(),
                command.teamId(),
                clock.instant()));
        audit.record(
                "USER_CREATED",
                "user",
                user.id(),
                "username=" + user.username() + " role=" + user.role() + " scope=" + user.scope());
        return user.view();
    }

    public UserView updateUser(long id, UpdateUser command) {
        User user = users.findById(id).orElseThrow(() -> NotFoundException.of("User", id));
        checkPlacement(command.storeId(), command.teamId());
        String before = "role=" + user.role() + " scope=" + user.scope() + " store=" + user.storeId();
        user.changeProfile(command.displayName(), command.email(), clock.instant());
        user.assign(command.role(), command.scope(), command.storeId(), command.teamId(), clock.instant());
        users.update(user);
        audit.record(
                "USER_UPDATED",
                "user",
                id,
                before + " -> role=" + user.role() + " scope=" + user.scope() + " store=" + user.storeId());
        return user.view();
    }

    public UserView deactivate(long id, long actorId) {
        User user = users.findById(id).orElseThrow(() -> NotFoundException.of("User", id));
        if (user.id() == actorId) {
            throw InvalidRequestException.because("You cannot deactivate yourself");
        }
        if (user.deactivate(clock.instant())) {
            users.update(user);
            tokens.revokeAllOf(id, actorId, clock.instant());
            audit.record("USER_DEACTIVATED", "user", id, "username=" + user.username());
            events.publishEvent(new UserDeactivated(id, user.username()));
        }
        return user.view();
    }

    public UserView reactivate(long id) {
        User user = users.findById(id).orElseThrow(() -> NotFoundException.of("User", id));
        user.reactivate(clock.instant());
        users.update(user);
        audit.record("USER_REACTIVATED", "user", id, "username=" + user.username());
        return user.view();
    }

    public void resetPassword(long id, String newPassword) {
        User user = users.findById(id).orElseThrow(() -> NotFoundException.of("User", id));
        checkPassword(newPassword);
        user.changePassword(passwordEncoder.encode(newPassword), clock.instant());
        users.update(user);
        audit.record("USER_PASSWORD_RESET", "user", id, "username=" + user.username());
    }

    public void changeOwnPassword(long id, String currentPassword, String newPassword) {
        User user = users.findById(id).orElseThrow(() -> NotFoundException.of("User", id));
        if (!passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw InvalidRequestException.forField("currentPassword", "is not your current password");
        }
        checkPassword(newPassword);
        user.changePassword(passwordEncoder.encode(newPassword), clock.instant());
        users.update(user);
        audit.record("PASSWORD_CHANGED", "user", id, null);
    }

    public StoreView openStore(NewStore store) {
        if (organisation.storeCodeExists(store.code())) {
            throw ConflictException.because("Store code '" + store.code() + "' is taken");
        }
        StoreView created = organisation.insertStore(store, clock.instant());
        audit.record("STORE_OPENED", "store", created.id(), created.code() + " " + created.name());
        return created;
    }

    public long createTeam(long storeId, String name) {
        organisation.findStore(storeId).orElseThrow(() -> NotFoundException.of("Store", storeId));
        long id = organisation.insertTeam(storeId, name);
        audit.record("TEAM_CREATED", "team", id, "store=" + storeId + " name=" + name);
        return id;
    }

    private void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw InvalidRequestException.forField(
                    "password", "must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private void checkPlacement(Long storeId, Long teamId) {
        if (storeId != null && organisation.findStore(storeId).isEmpty()) {
            throw InvalidRequestException.forField("storeId", "no such store");
        }
        if (teamId != null) {
            OrganisationRepository.TeamRow team = organisation
                    .findTeam(teamId)
                    .orElseThrow(() -> InvalidRequestException.forField("teamId", "no such team"));
            if (storeId == null || team.storeId() != storeId) {
                throw InvalidRequestException.forField("teamId", "the team belongs to another store");
            }
        }
    }
}
