/** Sales: leads, opportunities through stages, follow-up plans, contracts, key accounts, dealers. */
@ApplicationModule(
        displayName = "Sales",
        allowedDependencies = {"identity", "customer", "shared"})
package io.guanxi.sales;

import org.springframework.modulith.ApplicationModule;
