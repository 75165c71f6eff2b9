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
        String province,
        String houseNumber,
        String streetName) {

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]+");

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
        String cleanStreet = clean(street);
        String number = null;
        String name = null;
        if (cleanStreet != null) {
            java.util.regex.Matcher m = DIGITS.matcher(cleanStreet);
            number = m.find() ? m.group() : null;
            name = DIGITS.matcher(cleanStreet).replaceAll("").replace(" ", "");
            name = name.isEmpty() ? null : name;
        }
        return new MatchRecord(
                id,
                clean(givenName),
                clean(familyName),
                clean(displayName),
                birthday,
                digitsOrText(idNumber),
                clean(phone),
                clean(email),
                cleanStreet,
                clean(district),
                clean(city),
                clean(postcode),
                clean(province),
                number,
                name);
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
