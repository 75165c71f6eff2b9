package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
import io.guanxi.customer.CustomerProperties;
import io.guanxi.customer.CustomerProperties.MergeField;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.Gender;
import io.guanxi.customer.PartyType;
import io.guanxi.customer.SourceChannel;
import java.time.Instant;
import java.time.LocalDate;

/** The customer master record. Every write goes through {@link #register} or {@link #change}. */
public class Customer {

    private final Long id;
    private PartyType partyType;
    private CustomerKind kind;
    private String displayName;
    private String familyName;
    private String givenName;
    private Gender gender;
    private LocalDate birthday;
    private String phone;
    private String email;
    private String province;
    private String city;
    private String district;
    private String street;
    private String postcode;
    private String idNumber;
    private SourceChannel sourceChannel;
    private Long storeId;
    private Long ownerId;
    private final Instant createdAt;
    private Instant updatedAt;
    private final int version;

    Customer(Long id, Instant createdAt, Instant updatedAt, int version) {
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    public static Customer register(CustomerDetails details, Instant now) {
        Customer customer = new Customer(null, now, now, 0);
        customer.apply(details);
        return customer;
    }

    public void change(CustomerDetails details, Instant now) {
        apply(details);
        updatedAt = now;
    }

    private void apply(CustomerDetails d) {
        partyType = d.partyType();
        kind = d.kind();
        familyName = ContactNormaliser.text(d.familyName());
        givenName = ContactNormaliser.text(d.givenName());
        displayName = ContactNormaliser.displayName(d.displayName(), d.familyName(), d.givenName());
        gender = d.gender();
        birthday = d.birthday();
        phone = ContactNormaliser.phone(d.phone());
        email = ContactNormaliser.email(d.email());
        province = ContactNormaliser.text(d.province());
        city = ContactNormaliser.text(d.city());
        district = ContactNormaliser.text(d.district());
        street = ContactNormaliser.text(d.street());
        postcode = ContactNormaliser.text(d.postcode());
        idNumber = ContactNormaliser.idNumber(d.idNumber());
        sourceChannel = d.sourceChannel();
        storeId = d.storeId();
        ownerId = d.ownerId();
    }

    /**
     * Removes everything that identifies the person (erasure on request): names, contact details,
     * birthday, identity number, street and postcode. Kind, province, city, store and owner stay, so
     * that orders and aggregates still add up.
     */
    public void anonymise(Instant now) {
        displayName = "Anonymous #" + id;
        familyName = null;
        givenName = null;
        gender = null;
        birthday = null;
        phone = null;
        email = null;
        district = null;
        street = null;
        postcode = null;
        idNumber = null;
        updatedAt = now;
    }

    public void assignOwner(Long owner, Instant now) {
        ownerId = owner;
        updatedAt = now;
    }

    /**
     * Takes over what a duplicate record knows, field by field under the survivorship rules: a value
     * only the duplicate has is taken; when both have one, the field's rule decides (by default the
     * survivor's names, birthday, gender and identity number stay, and phone, email and address come
     * from whichever record was updated more recently). The address moves as a whole.
     */
    public void absorb(CustomerView other, CustomerProperties.Survivorship rules, Instant now) {
        Choice choice = new Choice(other, rules);
        if (choice.takeTheirs(
                MergeField.NAME, nameOf(familyName, givenName), nameOf(other.familyName(), other.givenName()))) {
            familyName = other.familyName() != null ? other.familyName() : familyName;
            givenName = other.givenName() != null ? other.givenName() : givenName;
        } else {
            familyName = familyName != null ? familyName : other.familyName();
            givenName = givenName != null ? givenName : other.givenName();
        }
        gender = choice.takeTheirs(MergeField.GENDER, gender, other.gender()) ? other.gender() : gender;
        birthday = choice.takeTheirs(MergeField.BIRTHDAY, birthday, other.birthday()) ? other.birthday() : birthday;
        idNumber = choice.takeTheirs(MergeField.ID_NUMBER, idNumber, other.idNumber()) ? other.idNumber() : idNumber;
        phone = choice.takeTheirs(MergeField.PHONE, phone, other.phone()) ? other.phone() : phone;
        email = choice.takeTheirs(MergeField.EMAIL, email, other.email()) ? other.email() : email;
        String mine = addressOf(province, city, district, street, postcode);
        String theirs = addressOf(other.province(), other.city(), other.district(), other.street(), other.postcode());
        if (choice.takeTheirs(MergeField.ADDRESS, mine, theirs)) {
            street = other.street();
            district = other.district();
            city = other.city();
            province = other.province();
            postcode = other.postcode();
        }
        storeId = choice.takeTheirs(MergeField.STORE, storeId, other.storeId()) ? other.storeId() : storeId;
        ownerId = choice.takeTheirs(MergeField.OWNER, ownerId, other.ownerId()) ? other.ownerId() : ownerId;
        updatedAt = now;
    }

    /** Decides, for one field, whether the duplicate's value replaces the survivor's. */
    private final class Choice {
        private final CustomerView other;
        private final CustomerProperties.Survivorship rules;

        Choice(CustomerView other, CustomerProperties.Survivorship rules) {
            this.other = other;
            this.rules = rules;
        }

        boolean takeTheirs(MergeField field, Object mine, Object theirs) {
            if (theirs == null) {
                return false;
            }
            if (mine == null) {
                return true;
            }
            return switch (rules.ruleFor(field)) {
                case SURVIVOR_FIRST -> false;
                case MOST_RECENT -> other.updatedAt().isAfter(updatedAt);
                case MOST_COMPLETE -> completeness(theirs) > completeness(mine);
                case TRUSTED_SOURCE -> rules.trustRank(other.sourceChannel()) < rules.trustRank(sourceChannel);
            };
        }
    }

    /** Names as one value: null when neither part is known. */
    private static String nameOf(String family, String given) {
        return family == null && given == null
                ? null
                : (family == null ? "" : family) + "\u0000" + (given == null ? "" : given);
    }

    /** The address as one value: parts known count first, then the length of the street. */
    private static String addressOf(String province, String city, String district, String street, String postcode) {
        if (province == null && city == null && district == null && street == null && postcode == null) {
            return null;
        }
        String[] parts = {province, city, district, street, postcode};
        StringBuilder value = new StringBuilder();
        for (String part : parts) {
            value.append(part == null ? "" : part).append('\u0000');
        }
        return value.toString();
    }

    private static long completeness(Object value) {
        if (value instanceof String text) {
            long parts = text.chars().filter(ch -> ch == 0).count() == 0
                    ? 1
                    : java.util.Arrays.stream(text.split("\u0000", -1))
                            .filter(p -> !p.isBlank())
                            .count();
            return parts * 10_000 + text.replace("\u0000", "").strip().length();
        }
        return 1;
    }

    static Customer restore(CustomerView v) {
        Customer c = new Customer(v.id(), v.createdAt(), v.updatedAt(), v.version());
        c.partyType = v.partyType();
        c.kind = v.kind();
        c.displayName = v.displayName();
        c.familyName = v.familyName();
        c.givenName = v.givenName();
        c.gender = v.gender();
        c.birthday = v.birthday();
        c.phone = v.phone();
        c.email = v.email();
        c.province = v.province();
        c.city = v.city();
        c.district = v.district();
        c.street = v.street();
        c.postcode = v.postcode();
        c.idNumber = v.idNumber();
        c.sourceChannel = v.sourceChannel();
        c.storeId = v.storeId();
        c.ownerId = v.ownerId();
        return c;
    }

    public CustomerView view() {
        return new CustomerView(
                id == null ? 0 : id,
                partyType,
                kind,
                displayName,
                familyName,
                givenName,
                gender,
                birthday,
                phone,
                email,
                province,
                city,
                district,
                street,
                postcode,
                idNumber,
                sourceChannel,
                storeId,
                ownerId,
                createdAt,
                updatedAt,
                version);
    }

    public Long id() {
        return id;
    }

    public int version() {
        return version;
    }
}
