package io.guanxi.customer.web;

import io.guanxi.customer.CustomerView;
import io.guanxi.customer.PartyType;
import java.util.ArrayList;
import java.util.List;

/**
 * How complete a customer's profile is: the share of the fields that matter for reaching and
 * serving the customer that are filled, and the message keys of the missing ones.
 */
record ProfileQuality(int percent, List<String> missing) {

    static ProfileQuality of(CustomerView c) {
        List<String> checked = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        check(checked, missing, "customer.phone", c.phone());
        check(checked, missing, "customer.email", c.email());
        check(checked, missing, "customer.city", c.city());
        check(checked, missing, "customer.street", c.street());
        check(checked, missing, "customer.owner", c.ownerId());
        if (c.partyType() == PartyType.PERSON) {
            check(checked, missing, "customer.birthday", c.birthday());
            check(checked, missing, "customer.gender", c.gender());
        }
        int filled = checked.size() - missing.size();
        return new ProfileQuality(Math.round(100f * filled / checked.size()), List.copyOf(missing));
    }

    private static void check(List<String> checked, List<String> missing, String key, Object value) {
        checked.add(key);
        if (value == null || value instanceof String s && s.isBlank()) {
            missing.add(key);
        }
    }
}
