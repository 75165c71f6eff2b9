/**
 * Demo and benchmark data: a deterministic generator of a believable business (stores, staff,
 * customers, two years of their orders, service packages bought through orders, coupons and a
 * points catalogue) and a bulk mode that fills a database for benchmarks.
 */
@ApplicationModule(
        displayName = "Demo data",
        allowedDependencies = {"identity", "customer", "order", "loyalty", "shared"})
package io.guanxi.demo;

import org.springframework.modulith.ApplicationModule;
