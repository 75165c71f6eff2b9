package io.guanxi.identity;

import io.guanxi.identity.domain.OrganisationRepository;
import io.guanxi.identity.domain.UserManagement;
import io.guanxi.identity.domain.UserRepository;
import io.guanxi.identity.security.GuanxiUserDetails;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/** What other modules may ask of identity: who is signed in, their data scope, stores and users. */
@Service
public class IdentityApi {

    private final UserRepository users;
    private final OrganisationRepository organisation;
    private final UserManagement management;

    IdentityApi(UserRepository users, OrganisationRepository organisation, UserManagement management) {
        this.users = users;
        this.organisation = organisation;
        this.management = management;
    }

    public Optional<CurrentUser> currentUser() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof GuanxiUserDetails details) {
            return Optional.of(details.currentUser());
        }
        return Optional.empty();
    }

    public CurrentUser requireCurrentUser() {
        return currentUser().orElseThrow(() -> new IllegalStateException("No signed-in user"));
    }

    /** The signed-in user's data scope, ready to be applied in SQL. */
    public ScopeFilter scopeOfCurrentUser() {
        return scopeOf(requireCurrentUser());
    }

    public ScopeFilter scopeOf(CurrentUser user) {
        List<Long> team =
                user.scope() == DataScope.TEAM && user.teamId() != null ? users.idsInTeam(user.teamId()) : List.of();
        return new ScopeFilter(user.scope(), user.id(), user.storeId(), team);
    }

    public List<StoreView> stores() {
        return organisation.stores();
    }

    /** Store names by id, for pages that show where a record belongs. */
    public Map<Long, String> storeNames() {
        return organisation.stores().stream().collect(Collectors.toMap(StoreView::id, StoreView::name));
    }

    public Optional<StoreView> store(long id) {
        return organisation.findStore(id);
    }

    public Map<Long, String> userDisplayNames(Collection<Long> ids) {
        return users.displayNames(ids);
    }

    public Optional<UserView> user(long id) {
        return users.findById(id).map(io.guanxi.identity.domain.User::view);
    }

    public StoreView openStore(NewStore store) {
        return management.openStore(store);
    }

    public long createTeam(long storeId, String name) {
        return management.createTeam(storeId, name);
    }

    public UserView createUser(NewUser user) {
        return management.createUser(user);
    }
}
