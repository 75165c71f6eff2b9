package io.guanxi.customer.domain;

import io.guanxi.customer.CustomerView;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Which profile fields a change touched, for the timeline (such as phone and email). */
final class ProfileChanges {

    private static final Set<String> BOOKKEEPING = Set.of("id", "createdAt", "updatedAt", "version");

    private ProfileChanges() {}

    static List<String> between(CustomerView before, CustomerView after) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent field : CustomerView.class.getRecordComponents()) {
            if (!BOOKKEEPING.contains(field.getName()) && !Objects.equals(value(field, before), value(field, after))) {
                changed.add(field.getName());
            }
        }
        return changed;
    }

    private static Object value(RecordComponent field, CustomerView view) {
        try {
            return field.getAccessor().invoke(view);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }
}
