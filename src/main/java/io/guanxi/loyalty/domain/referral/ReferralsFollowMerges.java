package io.guanxi.loyalty.domain.referral;

import io.guanxi.customer.CustomerMergeUndone;
import io.guanxi.customer.CustomersMerged;
import io.guanxi.loyalty.domain.PointsAccounts;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Referrals follow their customer through merges (ADR 0011). As referrer, the survivor
 * takes over the people the duplicate brought: pending referrals qualify for the survivor, and
 * qualified ones are numbered after the survivor's own successes (numbers stay unique, the next
 * success counts them all; milestone bonuses already earned moved with the points and are not paid
 * again). As referee, the survivor takes over how the duplicate was brought, unless the survivor was
 * itself referred (a person is referred once). A referral between the two records is left where it
 * is: after the merge it would be a self-referral. Referral codes stay with the record they were made
 * for; a merged record's code credits its survivor ({@link Referrals#owner}). Every move is recorded,
 * so an undo puts back exactly what the merge moved, with the old numbers; a referral that qualified
 * for the survivor after the merge stays with the survivor (its rewards were paid to the survivor).
 */
@Component
class ReferralsFollowMerges {

    private static final Logger log = LoggerFactory.getLogger(ReferralsFollowMerges.class);
    private final JdbcClient jdbc;
    private final PointsAccounts accounts;
    private final Clock clock;

    ReferralsFollowMerges(JdbcClient jdbc, PointsAccounts accounts, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
    }

    private record Moving(long id, String state, Integer successNumber) {}

    @ApplicationModuleListener
    void on(CustomersMerged merged) {
        long survivor = merged.survivorId();
        long duplicate = merged.mergedId();
        // Their points accounts serialise their successes (see Referrals#qualify), locked in id order.
        accounts.lockAll(List.of(Math.min(survivor, duplicate), Math.max(survivor, duplicate)), clock.instant());
        List<Moving> brought = jdbc.sql("SELECT id, state, success_number FROM referral WHERE referrer_id = ?"
                        + " AND referee_id <> ? ORDER BY qualified_at, success_number, id")
                .params(duplicate, survivor)
                .query((rs, n) -> new Moving(rs.getLong(1), rs.getString(2), rs.getObject(3, Integer.class)))
                .list();
        int next = jdbc.sql("SELECT COALESCE(MAX(success_number), 0) FROM referral WHERE referrer_id = ?")
                .param(survivor)
                .query(Integer.class)
                .single();
        for (Moving r : brought) {
            jdbc.sql("INSERT INTO referral_merge_move (merge_id, referral_id, side, from_customer_id,"
                            + " from_success_number) VALUES (?, ?, 'REFERRER', ?, ?) ON CONFLICT DO NOTHING")
                    .params(merged.mergeId(), r.id(), duplicate, r.successNumber())
                    .update();
            Integer number = r.successNumber() == null ? null : ++next;
            jdbc.sql("UPDATE referral SET referrer_id = ?, success_number = ? WHERE id = ? AND referrer_id = ?")
                    .params(survivor, number, r.id(), duplicate)
                    .update();
        }
        int referee = 0;
        boolean survivorReferred = jdbc.sql("SELECT COUNT(*) FROM referral WHERE referee_id = ?")
                        .param(survivor)
                        .query(Long.class)
                        .single()
                > 0;
        if (!survivorReferred) {
            List<Long> ids = jdbc.sql("SELECT id FROM referral WHERE referee_id = ? AND referrer_id <> ?")
                    .params(duplicate, survivor)
                    .query(Long.class)
                    .list();
            for (long id : ids) {
                jdbc.sql("INSERT INTO referral_merge_move (merge_id, referral_id, side, from_customer_id)"
                                + " VALUES (?, ?, 'REFEREE', ?) ON CONFLICT DO NOTHING")
                        .params(merged.mergeId(), id, duplicate)
                        .update();
                referee += jdbc.sql("UPDATE referral SET referee_id = ? WHERE id = ? AND referee_id = ?")
                        .params(survivor, id, duplicate)
                        .update();
            }
        }
        log.info(
                "Merge {}: {} referrals as referrer and {} as referee moved from customer {} to {}",
                merged.mergeId(),
                brought.size(),
                referee,
                duplicate,
                survivor);
    }

    @ApplicationModuleListener
    void on(CustomerMergeUndone undone) {
        int referee = jdbc.sql("UPDATE referral SET referee_id = ? WHERE referee_id = ? AND id IN (SELECT referral_id"
                        + " FROM referral_merge_move WHERE merge_id = ? AND side = 'REFEREE')")
                .params(undone.mergedId(), undone.survivorId(), undone.mergeId())
                .update();
        // Pending when moved and qualified since: the survivor was rewarded for it, so it stays. One
        // whose success was undone since goes back pending, without a number.
        int referrer = jdbc.sql("UPDATE referral SET referrer_id = ?, success_number = CASE WHEN referral.state ="
                        + " 'QUALIFIED' THEN (SELECT m.from_success_number FROM referral_merge_move m WHERE"
                        + " m.merge_id = ? AND m.side = 'REFERRER' AND m.referral_id = referral.id) END"
                        + " WHERE referrer_id = ? AND id IN (SELECT m.referral_id"
                        + " FROM referral_merge_move m WHERE m.merge_id = ? AND m.side = 'REFERRER'"
                        + " AND (m.from_success_number IS NOT NULL OR referral.state = 'PENDING'))")
                .params(undone.mergedId(), undone.mergeId(), undone.survivorId(), undone.mergeId())
                .update();
        log.info(
                "Merge {} undone: {} referrals as referrer and {} as referee moved back to customer {}",
                undone.mergeId(),
                referrer,
                referee,
                undone.mergedId());
    }
}
