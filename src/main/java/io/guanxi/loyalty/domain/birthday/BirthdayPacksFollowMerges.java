package io.guanxi.loyalty.domain.birthday;

import io.guanxi.customer.CustomerMergeUndone;
import io.guanxi.customer.CustomersMerged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Birthday packs follow their customer through merges, so a person gets one pack a year however
 * many records they had: the survivor takes over the duplicate's packs of the years it has none of
 * its own (and then gets no second pack that year); a year both were given a pack keeps the
 * duplicate's row where it was (its coupon and points moved with the coupons and the points). An
 * undo moves back the packs that were given to the merged customer.
 */
@Component
class BirthdayPacksFollowMerges {

    private final JdbcClient jdbc;

    BirthdayPacksFollowMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merged) {
        jdbc.sql("UPDATE loyalty_birthday_pack SET customer_id = :survivor WHERE customer_id = :merged"
                        + " AND pack_year NOT IN (SELECT p.pack_year FROM loyalty_birthday_pack p"
                        + " WHERE p.customer_id = :survivor)")
                .param("survivor", merged.survivorId())
                .param("merged", merged.mergedId())
                .update();
    }

    @ApplicationModuleListener
    void on(CustomerMergeUndone undone) {
        jdbc.sql("UPDATE loyalty_birthday_pack SET customer_id = issued_to WHERE customer_id = ? AND issued_to = ?")
                .params(undone.survivorId(), undone.mergedId())
                .update();
    }
}
