package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerView;

/**
 * Personal data as shown to someone without the right to see it: 138****5678, w***@example.com,
 * 1101**********1234, the street cut to its first characters.
 */
public final class Masking {

    private Masking() {}

    public static String phone(String e164) {
        if (e164 == null) {
            return null;
        }
        String digits = e164.startsWith("+86") ? e164.substring(3) : e164.replace("+", "");
        if (digits.length() <= 7) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }

    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        return at <= 0 ? "***" : email.charAt(0) + "***" + email.substring(at);
    }

    public static String idNumber(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        if (idNumber.length() <= 8) {
            return "*".repeat(idNumber.length());
        }
        return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
    }

    public static String street(String street) {
        if (street == null) {
            return null;
        }
        int keep = Math.min(3, street.length() / 2);
        return street.substring(0, keep) + "***";
    }

    /** The customer with phone, email, identity number and street masked. */
    public static CustomerView view(CustomerView c) {
        return new CustomerView(
                c.id(),
                c.partyType(),
                c.kind(),
                c.displayName(),
                c.familyName(),
                c.givenName(),
                c.gender(),
                c.birthday(),
                phone(c.phone()),
                email(c.email()),
                c.province(),
                c.city(),
                c.district(),
                street(c.street()),
                c.postcode(),
                idNumber(c.idNumber()),
                c.sourceChannel(),
                c.storeId(),
                c.ownerId(),
                c.createdAt(),
                c.updatedAt(),
                c.version());
    }

    /** A contact person with phone and email masked. */
    public static io.guanxi.customer.Contact contact(io.guanxi.customer.Contact c) {
        return new io.guanxi.customer.Contact(
                c.id(), c.name(), c.title(), phone(c.phone()), email(c.email()), c.primary());
    }
}
