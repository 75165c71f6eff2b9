/** Marketing: campaigns, audiences, channels, templates, promotions, journeys, measurement. */
@ApplicationModule(
        displayName = "Marketing",
        allowedDependencies = {"identity", "customer", "shared"})
package io.guanxi.marketing;

import org.springframework.modulith.ApplicationModule;
