package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerMatch;
import io.guanxi.customer.CustomerReference;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.DatedCustomer;
import io.guanxi.customer.ExternalId;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.shared.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the customers that many references name, set-based: by the external id of the source
 * system first, then by phone; creates the ones not found through the bulk path (the same
 * normalisation as every write). References to the same new customer (same external id, or same
 * phone without one) create it once.
 */
@Component
public class CustomerMatching {

    private static final int CHUNK = 10_000;

    private final CustomerRepository customers;
    private final CustomerBulkWriter bulkWriter;
    private final IdentityApi identity;
    private final JdbcClient jdbc;

    CustomerMatching(
            CustomerRepository customers, CustomerBulkWriter bulkWriter, IdentityApi identity, JdbcClient jdbc) {
        this.customers = customers;
        this.bulkWriter = bulkWriter;
        this.identity = identity;
        this.jdbc = jdbc;
    }

    /** A reference after normalisation: the key a new customer is known by within the call. */
    private record Normalised(String externalId, String phone, String name, Long storeId) {
        String newKey() {
            return externalId != null ? "x:" + externalId : "p:" + phone;
        }
    }

    public List<CustomerMatch> match(
            String source, List<CustomerReference> references, boolean register, CurrentUser actor, Instant now) {
        ScopeFilter scope = identity.scopeOf(actor);
        CustomerMatch[] result = new CustomerMatch[references.size()];
        Normalised[] refs = new Normalised[references.size()];
        Set<String> externalIds = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        for (int i = 0; i < references.size(); i++) {
            CustomerReference r = references.get(i);
            String phone;
            try {
                phone = ContactNormaliser.phone(r.phone());
            } catch (InvalidRequestException e) {
                result[i] =
                        CustomerMatch.problem("phone", "\"" + Masking.phone(r.phone()) + "\" is not a phone number");
                continue;
            }
            String externalId = ContactNormaliser.text(r.externalId());
            if (externalId == null && phone == null) {
                result[i] = CustomerMatch.problem("externalId", "names no customer: give a customer id or a phone");
                continue;
            }
            refs[i] = new Normalised(externalId, phone, ContactNormaliser.text(r.name()), r.storeId());
            if (externalId != null) {
                externalIds.add(externalId);
            }
        }
        Map<String, CustomerRepository.Placed> byExternalId = new HashMap<>();
        for (List<String> chunk : chunks(externalIds)) {
            if (scope.everything()) {
                // the data scope needs no owner or store: the customer rows are not read
                customers
                        .idsByExternalIds(source, chunk)
                        .forEach((key, id) -> byExternalId.put(key, new CustomerRepository.Placed(id, null, null)));
            } else {
                byExternalId.putAll(customers.placedByExternalIds(source, chunk));
            }
        }
        // phones are looked up only for references their external id did not find
        for (Normalised r : refs) {
            if (r != null && r.phone != null && (r.externalId == null || !byExternalId.containsKey(r.externalId))) {
                phones.add(r.phone);
            }
        }
        Map<String, List<Customer>> byPhone = new HashMap<>();
        for (List<String> chunk : chunks(phones)) {
            byPhone.putAll(customers.findByContact("phone", chunk));
        }
        Map<String, Normalised> toCreate = new LinkedHashMap<>();
        for (int i = 0; i < refs.length; i++) {
            Normalised r = refs[i];
            if (r == null) {
                continue;
            }
            CustomerRepository.Placed found = r.externalId == null ? null : byExternalId.get(r.externalId);
            if (found == null && r.phone != null) {
                List<Customer> same = byPhone.getOrDefault(r.phone, List.of());
                if (same.size() > 1) {
                    result[i] = CustomerMatch.problem("phone", same.size() + " customers have this phone");
                    continue;
                }
                if (!same.isEmpty()) {
                    CustomerView view = same.get(0).view();
                    found = new CustomerRepository.Placed(view.id(), view.ownerId(), view.storeId());
                }
            }
            if (found != null) {
                result[i] = scope.permits(found.ownerId(), found.storeId())
                        ? CustomerMatch.found(found.id())
                        : CustomerMatch.problem("externalId", "names a customer outside your data scope");
            } else if (r.name == null) {
                result[i] = CustomerMatch.problem("name", "No customer matches, and a new customer needs a name");
            } else {
                toCreate.putIfAbsent(r.newKey(), r);
            }
        }
        Map<String, Long> created = register ? create(source, toCreate.values(), actor, now) : Map.of();
        for (int i = 0; i < refs.length; i++) {
            if (result[i] == null && refs[i] != null) {
                Long id = created.get(refs[i].newKey());
                result[i] = new CustomerMatch(id, true, null, null);
                if (register && id == null) {
                    result[i] = CustomerMatch.problem("name", "The new customer could not be found after creating it");
                }
            }
        }
        return List.of(result);
    }

    private Map<String, Long> create(
            String source, java.util.Collection<Normalised> fresh, CurrentUser actor, Instant now) {
        if (fresh.isEmpty()) {
            return Map.of();
        }
        List<DatedCustomer> rows = new ArrayList<>(fresh.size());
        for (Normalised r : fresh) {
            CustomerDetails details = CustomerRegistration.withinScope(
                    new CustomerDetails(
                            PartyType.PERSON,
                            CustomerKind.RETAIL,
                            r.name,
                            null,
                            null,
                            null,
                            null,
                            r.phone,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            SourceChannel.IMPORT,
                            r.storeId,
                            null),
                    actor);
            rows.add(new DatedCustomer(
                    details, now, r.externalId == null ? null : new ExternalId(source, r.externalId)));
        }
        bulkWriter.write(rows.iterator());
        Map<String, Long> ids = new HashMap<>();
        List<String> externalIds = fresh.stream()
                .filter(r -> r.externalId != null)
                .map(Normalised::externalId)
                .toList();
        for (List<String> chunk : chunks(externalIds)) {
            customers.idsByExternalIds(source, chunk).forEach((key, id) -> ids.put("x:" + key, id));
        }
        List<String> phones = fresh.stream()
                .filter(r -> r.externalId == null)
                .map(Normalised::phone)
                .toList();
        for (List<String> chunk : chunks(phones)) {
            customers.findByContact("phone", chunk).forEach((key, list) -> {
                if (list.size() == 1) {
                    ids.put("p:" + key, list.get(0).id());
                }
            });
        }
        return ids;
    }

    /** Birthdays of the customers that have one (points earn more in the birthday month). */
    public Map<Long, LocalDate> birthdays(java.util.Collection<Long> customerIds) {
        return valuesOf(customerIds, "birthday", (rs, n) -> rs.getDate(2).toLocalDate());
    }

    /** The stores of those of the customers that have one. */
    public Map<Long, Long> stores(java.util.Collection<Long> customerIds) {
        return valuesOf(customerIds, "store_id", (rs, n) -> rs.getLong(2));
    }

    /**
     * One column of those of the customers (not merged away) that have a value in it, by id; the ids
     * go as one array parameter, so any number fits one query.
     */
    private <T> Map<Long, T> valuesOf(
            java.util.Collection<Long> customerIds, String column, org.springframework.jdbc.core.RowMapper<T> value) {
        Map<Long, T> values = new HashMap<>();
        jdbc.sql("SELECT id, " + column + " FROM customer WHERE id = ANY(:ids) AND " + column
                        + " IS NOT NULL AND merged_into IS NULL")
                .param("ids", customerIds.toArray(Long[]::new))
                .query(rs -> {
                    values.put(rs.getLong(1), value.mapRow(rs, 0));
                });
        return values;
    }

    static <T> List<List<T>> chunks(java.util.Collection<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> all = new ArrayList<>(values);
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
