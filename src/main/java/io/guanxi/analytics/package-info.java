/** Analytics: the home dashboard, KPIs and reports over what the other modules publish. */
@ApplicationModule(
        displayName = "Analytics",
        allowedDependencies = {"identity", "customer", "shared"})
package io.guanxi.analytics;

import org.springframework.modulith.ApplicationModule;
