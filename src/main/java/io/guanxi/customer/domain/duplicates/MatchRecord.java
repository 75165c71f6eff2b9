package io.guanxi.customer.domain.duplicates;

import java.time.LocalDate;

/**
 * The fields of a customer that identity resolution compares, already normalised (lower case,
 * folded). Built from the customer table by the scan and from any other source by tests.
 */
public record MatchRecord(
        long id,
        String givenName,
        String familyName,
        String displayName,
        LocalDate birthday,
        String idNumber,
        String phone,
        String email,
        String street,
        String district,
        String city,
        String postcode,
        String province) {

    public static MatchRecord of(
            long id,
            String givenName,
            String familyName,
            String displayName,
            LocalDate birthday,
            String idNumber,
            String phone,
            String email,
            String street,
            String district,
            String city,
            String postcode,
            String province) {
        return new MatchRecord(
                id,
                clean(givenName),
                clean(familyName),
                clean(displayName),
                birthday,
                digitsOrText(idNumber),
                clean(phone),
                clean(email),
                clean(street),
                clean(district),
                clean(city),
                clean(postcode),
                clean(province));
    }

    static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip().toLowerCase();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static String digitsOrText(String value) {
        String cleaned = clean(value);
        return cleaned == null ? null : cleaned.replaceAll("[\\s-]", "");
    }
}
