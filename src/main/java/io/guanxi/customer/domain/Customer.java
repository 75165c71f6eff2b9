package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerDetails;
import io.guanxi.customer.CustomerKind;
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
     * Takes over what a duplicate record knows (survivorship rules): names, birthday, gender and
     * identity number stay as they are and are only filled where missing; contact details (phone,
     * email, address) come from whichever record was updated more recently, when it has them.
     */
    public void absorb(CustomerView other, Instant now) {
        boolean otherIsNewer = other.updatedAt().isAfter(updatedAt);
        familyName = fill(familyName, other.familyName());
        givenName = fill(givenName, other.givenName());
        gender = gender != null ? gender : other.gender();
        birthday = birthday != null ? birthday : other.birthday();
        idNumber = fill(idNumber, other.idNumber());
        phone = recent(phone, other.phone(), otherIsNewer);
        email = recent(email, other.email(), otherIsNewer);
        boolean address = other.street() != null && (street == null || otherIsNewer);
        if (address) {
            street = other.street();
            district = other.district();
            city = other.city();
            province = other.province();
            postcode = other.postcode();
        }
        storeId = storeId != null ? storeId : other.storeId();
        ownerId = ownerId != null ? ownerId : other.ownerId();
        updatedAt = now;
    }

    private static String fill(String mine, String theirs) {
        return mine != null ? mine : theirs;
    }

    private static String recent(String mine, String theirs, boolean theirsIsNewer) {
        if (theirs == null) {
            return mine;
        }
        return mine == null || theirsIsNewer ? theirs : mine;
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
