/**
 * Customer: one record per customer — people and organisations, contacts, owner and store, all
 * normalised on the way in. Other modules link to customers by id.
 */
@ApplicationModule(
        displayName = "Customer",
        allowedDependencies = {"identity", "imports", "shared"})
package io.guanxi.customer;

import org.springframework.modulith.ApplicationModule;
