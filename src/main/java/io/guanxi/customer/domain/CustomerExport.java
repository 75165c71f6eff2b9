package io.guanxi.customer.domain;

import io.guanxi.customer.CustomField;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.domain.fields.CustomFields;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.Permission;
import io.guanxi.imports.TableExport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports a customer list (the same filters and data scope as the list page) to CSV or Excel,
 * streamed row by row. Phones, emails, identity numbers and streets are masked for users without
 * the right to see them, and every export is audited with its filter and row count. Custom fields
 * follow the standard columns as {@code field.<key>}.
 */
@Service
public class CustomerExport {

    static final List<String> HEADERS = List.of(
            "id",
            "display_name",
            "party_type",
            "kind",
            "gender",
            "birthday",
            "phone",
            "email",
            "province",
            "city",
            "district",
            "street",
            "postcode",
            "id_number",
            "source_channel",
            "store",
            "owner",
            "created_at");

    /** Rows are written in chunks, so that the custom field values of a chunk take one query. */
    private static final int CHUNK = 1_000;

    private final CustomerRepository customers;
    private final CustomFields fields;
    private final IdentityApi identity;
    private final AuditTrail audit;

    CustomerExport(CustomerRepository customers, CustomFields fields, IdentityApi identity, AuditTrail audit) {
        this.customers = customers;
        this.fields = fields;
        this.identity = identity;
        this.audit = audit;
    }

    @Transactional // not read-only: the audit line is written with it
    public long export(CustomerQuery filter, TableExport.Format format, OutputStream out, CurrentUser actor) {
        boolean unmasked = actor.can(Permission.PII_READ);
        Map<Long, String> stores = identity.storeNames();
        Map<Long, String> owners = new HashMap<>();
        List<CustomField> custom = fields.all();
        List<String> headers = new ArrayList<>(HEADERS);
        custom.forEach(f -> headers.add("field." + f.key()));
        long rows;
        try (TableExport table = TableExport.open(format, out, headers)) {
            List<CustomerView> chunk = new ArrayList<>(CHUNK);
            Runnable flush = () -> {
                Map<Long, Map<String, String>> values = custom.isEmpty()
                        ? Map.of()
                        : fields.values(chunk.stream().map(CustomerView::id).toList());
                for (CustomerView customer : chunk) {
                    CustomerView c = unmasked ? customer : Masking.view(customer);
                    String owner = c.ownerId() == null
                            ? null
                            : owners.computeIfAbsent(
                                    c.ownerId(),
                                    id -> identity.userDisplayNames(List.of(id)).getOrDefault(id, String.valueOf(id)));
                    List<Object> row = new ArrayList<>(Arrays.asList(
                            c.id(),
                            c.displayName(),
                            c.partyType().name(),
                            c.kind().name(),
                            c.gender() == null ? null : c.gender().name(),
                            c.birthday(),
                            c.phone(),
                            c.email(),
                            c.province(),
                            c.city(),
                            c.district(),
                            c.street(),
                            c.postcode(),
                            c.idNumber(),
                            c.sourceChannel() == null ? null : c.sourceChannel().name(),
                            c.storeId() == null ? null : stores.get(c.storeId()),
                            owner,
                            c.createdAt()));
                    Map<String, String> own = values.getOrDefault(c.id(), Map.of());
                    custom.forEach(f -> row.add(own.get(f.key())));
                    table.row(row);
                }
                chunk.clear();
            };
            rows = customers.forEach(identity.scopeOf(actor), filter, customer -> {
                chunk.add(customer);
                if (chunk.size() == CHUNK) {
                    flush.run();
                }
            });
            flush.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(
                "CUSTOMERS_EXPORTED",
                "customer",
                null,
                format + " rows=" + rows + " masked=" + !unmasked + " q=" + filter.q() + " kind=" + filter.kind()
                        + " store=" + filter.storeId() + " tag=" + filter.tagId() + " fields=" + filter.fields());
        return rows;
    }
}
