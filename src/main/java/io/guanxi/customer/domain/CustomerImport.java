package io.guanxi.customer.domain;

import io.guanxi.customer.CustomField;
import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.DatedCustomer;
import io.guanxi.customer.ExternalId;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import io.guanxi.customer.domain.fields.CustomFields;
import io.guanxi.customer.domain.tags.Tags;
import io.guanxi.identity.IdentityApi;
import io.guanxi.identity.Permission;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.identity.StoreView;
import io.guanxi.imports.ImportBatchResult;
import io.guanxi.imports.ImportContext;
import io.guanxi.imports.ImportField;
import io.guanxi.imports.ImportRow;
import io.guanxi.imports.ImportTarget;
import io.guanxi.imports.RowIssue;
import io.guanxi.shared.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Customers from CSV and Excel files. Each row goes through the same normalisation as every other
 * write; a row matching an existing customer by the chosen key (external id of the file's source
 * system, phone, email or identity number) updates it with the row's non-blank values, so importing
 * a file again changes nothing. Missing names reject a row; an unreadable optional value (a phone
 * that cannot be a phone, an unknown gender, a date that is no date) is left out with a warning.
 */
@Component
class CustomerImport implements ImportTarget {

    static final String EXTERNAL_ID = "externalId";
    static final String CUSTOM = "custom.";
    private static final List<String> MATCH_KEYS = List.of(EXTERNAL_ID, "phone", "email", "idNumber");
    private static final List<ImportField> FIELDS = List.of(
            ImportField.optional(
                    EXTERNAL_ID, "external id", "customer id", "member id", "id", "编号", "客户编号", "会员号", "会员编号", "外部编号"),
            ImportField.optional("displayName", "name", "full name", "customer name", "姓名", "客户名称", "客户姓名", "名称"),
            ImportField.optional("familyName", "family name", "last name", "surname", "姓"),
            ImportField.optional("givenName", "given name", "first name", "名"),
            ImportField.optional("partyType", "party type", "party", "个人/企业"),
            ImportField.optional("kind", "customer kind", "customer type", "type", "客户类型", "类型"),
            ImportField.optional("gender", "sex", "性别"),
            ImportField.optional("birthday", "date of birth", "birth date", "dob", "生日", "出生日期"),
            ImportField.optional("phone", "mobile", "telephone", "tel", "手机", "手机号", "手机号码", "电话", "联系电话"),
            ImportField.optional("email", "e-mail", "mail", "邮箱", "电子邮件", "电子邮箱"),
            ImportField.optional("province", "state", "省", "省份"),
            ImportField.optional("city", "城市", "市"),
            ImportField.optional("district", "county", "区", "区县"),
            ImportField.optional("street", "address", "street address", "地址", "详细地址", "街道"),
            ImportField.optional("postcode", "postal code", "zip", "zip code", "邮编", "邮政编码"),
            ImportField.optional("idNumber", "id number", "id card", "身份证", "身份证号", "证件号码"),
            ImportField.optional("sourceChannel", "source", "channel", "来源", "渠道", "来源渠道"),
            ImportField.optional("store", "branch", "门店", "所属门店"));
    private static final List<DateTimeFormatter> DATES = List.of(
            DateTimeFormatter.ofPattern("uuuu-M-d"),
            DateTimeFormatter.ofPattern("uuuu/M/d"),
            DateTimeFormatter.ofPattern("uuuu.M.d"),
            DateTimeFormatter.ofPattern("uuuuMMdd"),
            DateTimeFormatter.ofPattern("uuuu年M月d日"),
            DateTimeFormatter.ofPattern("d/M/uuuu"));
    private static final Map<String, PartyType> PARTY_TYPES = Map.of(
            "个人",
            PartyType.PERSON,
            "person",
            PartyType.PERSON,
            "individual",
            PartyType.PERSON,
            "企业",
            PartyType.ORGANISATION,
            "公司",
            PartyType.ORGANISATION,
            "单位",
            PartyType.ORGANISATION,
            "organization",
            PartyType.ORGANISATION,
            "company",
            PartyType.ORGANISATION);
    private static final Map<String, CustomerKind> KINDS = Map.of(
            "家庭",
            CustomerKind.RETAIL,
            "家庭客户",
            CustomerKind.RETAIL,
            "零售",
            CustomerKind.RETAIL,
            "商业",
            CustomerKind.COMMERCIAL,
            "商业客户",
            CustomerKind.COMMERCIAL,
            "工程",
            CustomerKind.PROJECT,
            "工程客户",
            CustomerKind.PROJECT,
            "经销商",
            CustomerKind.DEALER);
    private static final Map<String, Gender> GENDERS = Map.of(
            "男",
            Gender.MALE,
            "m",
            Gender.MALE,
            "女",
            Gender.FEMALE,
            "f",
            Gender.FEMALE,
            "其他",
            Gender.OTHER,
            "other",
            Gender.OTHER);
    private static final Map<String, SourceChannel> CHANNELS = Map.of(
            "门店",
            SourceChannel.STORE,
            "网站",
            SourceChannel.WEBSITE,
            "官网",
            SourceChannel.WEBSITE,
            "社交",
            SourceChannel.SOCIAL,
            "微信",
            SourceChannel.SOCIAL,
            "客服",
            SourceChannel.SERVICE_DESK,
            "推荐",
            SourceChannel.REFERRAL,
            "转介绍",
            SourceChannel.REFERRAL,
            "经销商",
            SourceChannel.DEALER,
            "活动",
            SourceChannel.EVENT);
    private static final Pattern DATE_TIME = Pattern.compile("^(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2})[ T].*$");

    private final CustomerRepository customers;
    private final CustomerBulkWriter bulkWriter;
    private final IdentityApi identity;
    private final Tags tags;
    private final CustomFields customFields;
    private final Clock clock;

    CustomerImport(
            CustomerRepository customers,
            CustomerBulkWriter bulkWriter,
            IdentityApi identity,
            Tags tags,
            CustomFields customFields,
            Clock clock) {
        this.customFields = customFields;
        this.customers = customers;
        this.bulkWriter = bulkWriter;
        this.identity = identity;
        this.tags = tags;
        this.clock = clock;
    }

    /** Rule tags are applied to the whole file at once, in two set-based statements per rule. */
    @Override
    public void finished(ImportContext context) {
        tags.refreshAll();
    }

    @Override
    public String recordType() {
        return "customer";
    }

    @Override
    public Permission permission() {
        return Permission.CUSTOMER_WRITE;
    }

    /** The fixed fields, then the business's custom fields as {@code custom.<key>}. */
    @Override
    public List<ImportField> fields() {
        List<ImportField> fields = new ArrayList<>(FIELDS);
        for (CustomField field : customFields.all()) {
            fields.add(ImportField.optional(CUSTOM + field.key(), field.label(), field.key()));
        }
        return fields;
    }

    @Override
    public List<String> matchKeys() {
        return MATCH_KEYS;
    }

    /** A batch parsed ahead of its transaction. */
    private record PreparedRows(List<Parsed> rows) implements ImportTarget.Prepared {}

    /**
     * Parses and normalises the rows while the batch before is written. (Encrypting the customers
     * that new rows would create as well was measured slower: the reading thread then became the
     * slower half of the pipeline, and a file of known customers paid for encryptions it never used.)
     */
    @Override
    public Prepared prepare(List<ImportRow> rows, ImportContext context) {
        return new PreparedRows(parseAll(rows, context));
    }

    @Override
    public ImportBatchResult apply(List<ImportRow> rows, ImportContext context) {
        return apply(rows, null, context);
    }

    @Override
    public ImportBatchResult apply(List<ImportRow> rows, Prepared prepared, ImportContext context) {
        List<Parsed> parsed = prepared instanceof PreparedRows ahead ? ahead.rows() : parseAll(rows, context);
        ScopeFilter scope = identity.scopeOf(context.actor());
        ImportBatchResult result = ImportBatchResult.empty();
        // A key that appears twice must see the first row's write: such batches are split there.
        List<Parsed> part = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Parsed p : parsed) {
            if (p.key != null && !keys.add(p.key)) {
                result = result.plus(write(part, context, scope));
                part = new ArrayList<>();
                keys.clear();
                keys.add(p.key);
            }
            part.add(p);
        }
        return result.plus(write(part, context, scope));
    }

    private List<Parsed> parseAll(List<ImportRow> rows, ImportContext context) {
        Map<String, Long> stores = storesByName();
        List<CustomField> custom = customFields.all();
        List<Parsed> parsed = new ArrayList<>(rows.size());
        for (ImportRow row : rows) {
            parsed.add(parse(row, context, stores, custom));
        }
        return parsed;
    }

    /** A row read into customer details, with what was wrong with it and the value it is matched by. */
    private static final class Parsed {
        final ImportRow row;
        final List<RowIssue> issues = new ArrayList<>();
        final Map<String, Object> values = new java.util.HashMap<>();
        final Map<CustomField, CustomFields.Normalised> custom = new java.util.LinkedHashMap<>();
        String key;
        boolean rejected;

        Parsed(ImportRow row) {
            this.row = row;
        }

        void error(String field, String message) {
            issues.add(RowIssue.error(row.row(), field, message));
            rejected = true;
        }

        void warn(String field, String message) {
            issues.add(RowIssue.warning(row.row(), field, message));
        }
    }

    private Parsed parse(ImportRow row, ImportContext context, Map<String, Long> stores, List<CustomField> custom) {
        Parsed p = new Parsed(row);
        for (CustomField field : custom) {
            String raw = row.value(CUSTOM + field.key());
            if (raw != null) {
                try {
                    CustomFields.Normalised value = CustomFields.normalise(field, raw);
                    if (value != null) {
                        p.custom.put(field, value);
                    }
                } catch (IllegalArgumentException e) {
                    p.warn(CUSTOM + field.key(), e.getMessage() + "; left out");
                }
            }
        }
        text(p, "displayName", 200, true);
        text(p, "familyName", 100, true);
        text(p, "givenName", 100, true);
        text(p, EXTERNAL_ID, 120, true);
        for (String field : List.of("province", "city", "district")) {
            text(p, field, 64, false);
        }
        text(p, "street", 300, false);
        text(p, "postcode", 16, false);
        choice(p, "partyType", PartyType.class, PARTY_TYPES);
        choice(p, "kind", CustomerKind.class, KINDS);
        choice(p, "gender", Gender.class, GENDERS);
        choice(p, "sourceChannel", SourceChannel.class, CHANNELS);
        birthday(p);
        contact(p, "phone", ContactNormaliser::phone, Masking::phone);
        contact(p, "email", ContactNormaliser::email, Masking::email);
        contact(p, "idNumber", ContactNormaliser::idNumber, Masking::idNumber);
        String store = row.value("store");
        if (store != null) {
            Long storeId = stores.get(store.strip().toLowerCase(Locale.ROOT));
            if (storeId == null) {
                p.warn("store", "No store is called \"" + store + "\"");
            } else {
                p.values.put("store", storeId);
            }
        }
        boolean named = p.values.get("displayName") != null
                || p.values.get("familyName") != null
                || p.values.get("givenName") != null;
        String matchKey = context.matchKey();
        Object key = p.values.get(matchKey);
        if (key == null) {
            p.error(matchKey, "The match key (" + matchKey + ") is missing, so the row cannot be matched");
        } else {
            p.key = key.toString();
        }
        p.values.put("named", named);
        return p;
    }

    private static void text(Parsed p, String field, int max, boolean required) {
        String value = ContactNormaliser.text(p.row.value(field));
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            if (required) {
                p.error(field, "is longer than " + max + " characters");
            } else {
                p.warn(field, "is longer than " + max + " characters and was left out");
            }
            return;
        }
        p.values.put(field, value);
    }

    private static <E extends Enum<E>> void choice(Parsed p, String field, Class<E> type, Map<String, E> synonyms) {
        String value = ContactNormaliser.text(p.row.value(field));
        if (value == null) {
            return;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        E found = synonyms.get(lower);
        if (found == null) {
            found = Arrays.stream(type.getEnumConstants())
                    .filter(e ->
                            e.name().equalsIgnoreCase(lower.replace(' ', '_').replace('-', '_')))
                    .findFirst()
                    .orElse(null);
        }
        if (found == null) {
            p.warn(field, "\"" + value + "\" is not one of " + Arrays.toString(type.getEnumConstants()) + "; left out");
        } else {
            p.values.put(field, found);
        }
    }

    private void birthday(Parsed p) {
        String value = ContactNormaliser.text(p.row.value("birthday"));
        if (value == null) {
            return;
        }
        Matcher dateTime = DATE_TIME.matcher(value);
        String date = dateTime.matches() ? dateTime.group(1) : value;
        for (DateTimeFormatter format : DATES) {
            try {
                LocalDate birthday = LocalDate.parse(date, format);
                if (!birthday.isBefore(LocalDate.now(clock))) {
                    p.warn("birthday", "\"" + value + "\" is not in the past; left out");
                } else {
                    p.values.put("birthday", birthday);
                }
                return;
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        p.warn("birthday", "\"" + value + "\" is not a date (use 1990-05-17); left out");
    }

    /**
     * A contact value, normalised; one that cannot be is left out with a warning that quotes it
     * masked, so the stored row report never holds personal data in the clear.
     */
    private static void contact(
            Parsed p, String field, Function<String, String> normalise, Function<String, String> mask) {
        String value = p.row.value(field);
        if (value == null) {
            return;
        }
        try {
            String normalised = normalise.apply(value);
            if (normalised != null) {
                p.values.put(field, normalised);
            }
        } catch (InvalidRequestException e) {
            String reason = e.fieldProblems().isEmpty()
                    ? e.getMessage()
                    : e.fieldProblems().get(0).message();
            p.warn(field, "\"" + mask.apply(value) + "\" " + reason + "; left out");
        }
    }

    private ImportBatchResult write(List<Parsed> rows, ImportContext context, ScopeFilter scope) {
        if (rows.isEmpty()) {
            return ImportBatchResult.empty();
        }
        Instant now = clock.instant();
        Map<String, List<Customer>> existing = existing(rows, context);
        Set<String> withCustom = rows.stream()
                .filter(p -> p.key != null && !p.custom.isEmpty())
                .map(p -> p.key)
                .collect(Collectors.toSet());
        Map<Long, Map<String, String>> existingCustom = withCustom.isEmpty()
                ? Map.of()
                : customFields.values(existing.entrySet().stream()
                        .filter(e -> e.getValue().size() == 1 && withCustom.contains(e.getKey()))
                        .map(e -> e.getValue().get(0).id())
                        .toList());
        Map<Long, Map<CustomField, CustomFields.Normalised>> customWrites = new java.util.HashMap<>();
        List<Parsed> createdWithCustom = new ArrayList<>();
        List<RowIssue> issues = new ArrayList<>();
        List<DatedCustomer> created = new ArrayList<>();
        List<Customer> changed = new ArrayList<>();
        long unchanged = 0;
        long changedCustomOnly = 0;
        long rejected = 0;
        for (Parsed p : rows) {
            if (!p.rejected && p.key != null) {
                List<Customer> matches = existing.getOrDefault(p.key, List.of());
                if (matches.size() > 1) {
                    p.error(
                            context.matchKey(),
                            matches.size() + " customers have this " + context.matchKey()
                                    + "; choose another match key");
                } else if (matches.size() == 1) {
                    Customer customer = matches.get(0);
                    CustomerView before = customer.view();
                    if (!scope.permits(before.ownerId(), before.storeId())) {
                        p.error(context.matchKey(), "matches a customer outside your data scope");
                    } else {
                        try {
                            customer.change(CustomerRegistration.withinScope(merged(before, p), context.actor()), now);
                            boolean customChanged =
                                    customDiffers(p.custom, existingCustom.getOrDefault(before.id(), Map.of()));
                            if (customChanged) {
                                customWrites.put(before.id(), p.custom);
                            }
                            if (!sameContent(before, customer.view())) {
                                changed.add(customer);
                            } else if (customChanged) {
                                changedCustomOnly++;
                            } else {
                                unchanged++;
                            }
                        } catch (InvalidRequestException e) {
                            p.error(null, e.getMessage());
                        }
                    }
                } else if (!(Boolean) p.values.get("named")) {
                    p.error("displayName", "A new customer needs a name");
                } else {
                    CustomerDetails details = CustomerRegistration.withinScope(fresh(p), context.actor());
                    String externalId = (String) p.values.get(EXTERNAL_ID);
                    created.add(new DatedCustomer(
                            details, now, externalId == null ? null : new ExternalId(context.source(), externalId)));
                    if (!p.custom.isEmpty()) {
                        createdWithCustom.add(p);
                    }
                }
            }
            if (p.rejected) {
                rejected++;
            }
            issues.addAll(p.issues);
        }
        if (!context.dryRun()) {
            customers.updateAll(changed);
            if (!created.isEmpty()) {
                bulkWriter.write(created.iterator());
            }
            if (!createdWithCustom.isEmpty()) { // the new customers' ids, found by the key they were matched by
                Map<String, List<Customer>> made = existing(createdWithCustom, context);
                for (Parsed p : createdWithCustom) {
                    List<Customer> found = made.getOrDefault(p.key, List.of());
                    if (found.size() == 1) {
                        customWrites.put(found.get(0).id(), p.custom);
                    }
                }
            }
            customFields.setAll(customWrites);
        }
        return new ImportBatchResult(created.size(), changed.size() + changedCustomOnly, unchanged, rejected, issues);
    }

    private Map<String, List<Customer>> existing(List<Parsed> rows, ImportContext context) {
        Set<String> keys = rows.stream()
                .filter(p -> !p.rejected && p.key != null)
                .map(p -> p.key)
                .collect(Collectors.toSet());
        if (EXTERNAL_ID.equals(context.matchKey())) {
            return customers.findByExternalIds(context.source(), keys).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
        }
        return customers.findByContact(context.matchKey(), keys);
    }

    /** Whether the row's custom values (those it has) differ from what the customer holds. */
    private static boolean customDiffers(Map<CustomField, CustomFields.Normalised> row, Map<String, String> held) {
        for (Map.Entry<CustomField, CustomFields.Normalised> e : row.entrySet()) {
            if (!e.getValue().text().equals(held.get(e.getKey().key()))) {
                return true;
            }
        }
        return false;
    }

    /** The existing customer's details with the row's non-blank values over them. */
    private static CustomerDetails merged(CustomerView c, Parsed p) {
        Map<String, Object> v = p.values;
        boolean renamed = v.containsKey("familyName") || v.containsKey("givenName");
        String displayName = (String) v.getOrDefault("displayName", renamed ? null : c.displayName());
        return new CustomerDetails(
                (PartyType) v.getOrDefault("partyType", c.partyType()),
                (CustomerKind) v.getOrDefault("kind", c.kind()),
                displayName,
                (String) v.getOrDefault("familyName", c.familyName()),
                (String) v.getOrDefault("givenName", c.givenName()),
                (Gender) v.getOrDefault("gender", c.gender()),
                (LocalDate) v.getOrDefault("birthday", c.birthday()),
                (String) v.getOrDefault("phone", c.phone()),
                (String) v.getOrDefault("email", c.email()),
                (String) v.getOrDefault("province", c.province()),
                (String) v.getOrDefault("city", c.city()),
                (String) v.getOrDefault("district", c.district()),
                (String) v.getOrDefault("street", c.street()),
                (String) v.getOrDefault("postcode", c.postcode()),
                (String) v.getOrDefault("idNumber", c.idNumber()),
                (SourceChannel) v.getOrDefault("sourceChannel", c.sourceChannel()),
                (Long) v.getOrDefault("store", c.storeId()),
                c.ownerId());
    }

    private static CustomerDetails fresh(Parsed p) {
        Map<String, Object> v = p.values;
        return new CustomerDetails(
                (PartyType) v.getOrDefault("partyType", PartyType.PERSON),
                (CustomerKind) v.getOrDefault("kind", CustomerKind.RETAIL),
                (String) v.get("displayName"),
                (String) v.get("familyName"),
                (String) v.get("givenName"),
                (Gender) v.get("gender"),
                (LocalDate) v.get("birthday"),
                (String) v.get("phone"),
                (String) v.get("email"),
                (String) v.get("province"),
                (String) v.get("city"),
                (String) v.get("district"),
                (String) v.get("street"),
                (String) v.get("postcode"),
                (String) v.get("idNumber"),
                (SourceChannel) v.getOrDefault("sourceChannel", SourceChannel.IMPORT),
                (Long) v.get("store"),
                null);
    }

    /** Equal in everything a person can see (not in timestamps and version). */
    static boolean sameContent(CustomerView a, CustomerView b) {
        return a.withVersion(0)
                .equals(new CustomerView(
                        b.id(),
                        b.partyType(),
                        b.kind(),
                        b.displayName(),
                        b.familyName(),
                        b.givenName(),
                        b.gender(),
                        b.birthday(),
                        b.phone(),
                        b.email(),
                        b.province(),
                        b.city(),
                        b.district(),
                        b.street(),
                        b.postcode(),
                        b.idNumber(),
                        b.sourceChannel(),
                        b.storeId(),
                        b.ownerId(),
                        a.createdAt(),
                        a.updatedAt(),
                        0));
    }

    private Map<String, Long> storesByName() {
        Map<String, Long> byName = new java.util.HashMap<>();
        for (StoreView store : identity.stores()) {
            Optional.ofNullable(store.code()).ifPresent(code -> byName.put(code.toLowerCase(Locale.ROOT), store.id()));
            byName.put(store.name().toLowerCase(Locale.ROOT), store.id());
        }
        return byName;
    }
}
