package io.guanxi.identity.web;

import io.guanxi.identity.DataScope;
import io.guanxi.identity.NewUser;
import io.guanxi.identity.Role;
import io.guanxi.identity.UpdateUser;
import io.guanxi.identity.UserView;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The user form; separate from the domain so the form can hold half-typed input. */
public class UserFormData {

    @NotBlank
    @Size(min = 3, max = 64)
    @Pattern(regexp = "[A-Za-z0-9._@-]*")
    private String username;

    @NotBlank
    @Size(max = 200)
    private String displayName;

    @Email
    @Size(max = 254)
    private String email;

    @Size(max = 128)
    private String password;

    @NotNull
    private Role role = Role.SALES;

    private DataScope scope;
    private Long storeId;
    private Long teamId;

    static UserFormData from(UserView user) {
        UserFormData form = new UserFormData();
        form.username = user.username();
        form.displayName = user.displayName();
        form.email = user.email();
        form.role = user.role();
        form.scope = user.scope();
        form.storeId = user.storeId();
        form.teamId = user.teamId();
        return form;
    }

    NewUser toNewUser() {
        return new NewUser(username, displayName, email, password, role, scope, storeId, teamId);
    }

    UpdateUser toUpdate() {
        return new UpdateUser(displayName, email, role, scope, storeId, teamId);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Role getRole() {
        return role;
    }

    public void setRole(Role role) {
        this.role = role;
    }

    public DataScope getScope() {
        return scope;
    }

    public void setScope(DataScope scope) {
        this.scope = scope;
    }

    public Long getStoreId() {
        return storeId;
    }

    public void setStoreId(Long storeId) {
        this.storeId = storeId;
    }

    public Long getTeamId() {
        return teamId;
    }

    public void setTeamId(Long teamId) {
        this.teamId = teamId;
    }
}
