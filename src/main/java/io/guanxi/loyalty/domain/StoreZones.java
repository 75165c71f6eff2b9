package io.guanxi.loyalty.domain;

import io.guanxi.identity.StoreView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Each store's time zone and the day it is there at one instant: a customer's "today" (a birthday,
 * an anniversary, a reminder) is the day where their store is, the loyalty zone for customers
 * without a store.
 */
public final class StoreZones {
    private final Map<Long, ZoneId> byStore = new HashMap<>();
    private final ZoneId fallback;
    private final Instant now;

    public StoreZones(Collection<StoreView> stores, ZoneId fallback, Instant now) {
        for (StoreView store : stores) {
            byStore.put(store.id(), ZoneId.of(store.zoneId()));
        }
        this.fallback = fallback;
        this.now = now;
    }

    public ZoneId zone(Long storeId) {
        return storeId == null ? fallback : byStore.getOrDefault(storeId, fallback);
    }

    public LocalDate today(Long storeId) {
        return today(zone(storeId));
    }

    public LocalDate today(ZoneId zone) {
        return now.atZone(zone).toLocalDate();
    }

    public Set<ZoneId> all() {
        Set<ZoneId> zones = new HashSet<>(byStore.values());
        zones.add(fallback);
        return zones;
    }

    public Set<LocalDate> targets(int daysBefore) {
        return all().stream().map(z -> today(z).plusDays(daysBefore)).collect(Collectors.toSet());
    }

    public LocalDate earliestToday() {
        return all().stream().map(this::today).min(LocalDate::compareTo).orElseThrow();
    }

    public LocalDate latestToday() {
        return all().stream().map(this::today).max(LocalDate::compareTo).orElseThrow();
    }
}
