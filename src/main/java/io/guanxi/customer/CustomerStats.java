package io.guanxi.customer;

import java.util.Map;

/** Counts of the customers one user may see, and their average data quality (0–100, null when none). */
public record CustomerStats(
        long total,
        long newLast30Days,
        long withoutOwner,
        Map<CustomerKind, Long> byKind,
        Map<Long, Long> byStore,
        Map<String, Long> byCity,
        Map<SourceChannel, Long> bySource,
        Double averageDataQuality) {}
