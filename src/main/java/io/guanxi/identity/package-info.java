/**
 * Identity: organisation (stores, teams), users and roles, permissions, data scopes, API tokens and
 * the audit log. Everything security-related lives here.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = "shared")
package io.guanxi.identity;

import org.springframework.modulith.ApplicationModule;
