/** Service: tickets from every channel, SLAs, complaints, satisfaction, knowledge base, appointments. */
@ApplicationModule(
        displayName = "Service",
        allowedDependencies = {"identity", "customer", "shared"})
package io.guanxi.service;

import org.springframework.modulith.ApplicationModule;
