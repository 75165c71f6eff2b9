/**
 * Demo and benchmark data: a deterministic generator of a believable business (stores, staff,
 * customers, coupons and a points catalogue) and a bulk mode that fills a database for benchmarks.
 */
@ApplicationModule(
        displayName = "Demo data",
        allowedDependencies = {"identity", "customer", "loyalty", "shared"})
package io.guanxi.demo;

import org.springframework.modulith.ApplicationModule;
