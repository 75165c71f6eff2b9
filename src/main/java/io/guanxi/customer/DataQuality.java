package io.guanxi.customer;

import java.util.List;

/**
 * How good one customer's record is, 0–100: completeness (up to 50: the fields a business needs
 * are filled), validity (up to 30: what is filled is plausible — an identity number with its check
 * digit, a birthday of a living person, a six-digit postcode) and freshness (up to 20: the record
 * was confirmed or changed recently). {@code missing} and {@code invalid} name the fields to fix.
 */
public record DataQuality(
        int score, int completeness, int validity, int freshness, List<String> missing, List<String> invalid) {

    public DataQuality {
        missing = List.copyOf(missing);
        invalid = List.copyOf(invalid);
    }
}
