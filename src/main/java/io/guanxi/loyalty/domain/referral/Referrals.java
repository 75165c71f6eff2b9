package io.guanxi.loyalty.domain.referral;

import io.guanxi.customer.CustomerApi;
import io.guanxi.customer.CustomerView;
import io.guanxi.customer.TimelineEntryPublished;
import io.guanxi.identity.AuditTrail;
import io.guanxi.identity.ScopeFilter;
import io.guanxi.loyalty.PurchaseEarning;
import io.guanxi.loyalty.PurchaseRecord;
import io.guanxi.loyalty.ReferralSucceeded;
import io.guanxi.loyalty.ReferralView;
import io.guanxi.loyalty.domain.PointsAccounts;
import io.guanxi.loyalty.domain.PointsLedger;
import io.guanxi.loyalty.domain.referral.ReferralRejected.Reason;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.NotFoundException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Referral codes and referrals (SPEC L4). A customer shares a code; a new customer who gives it is
 * recorded as referred, once, after the guards have checked that they really are someone else (not
 * the same customer, phone, e-mail, ID number or address) and really new (registered recently, no
 * purchase yet). The referral succeeds at sign-up or at the referee's first purchase; then both earn
 * their points and the referrer's milestone bonus, if the success is one, in the same transaction.
 * When the purchase that made it succeed is cancelled or refunded in full, the success is undone and
 * its rewards taken back ({@link #purchaseReversed}). Refused attempts are audited, so abuse can be
 * reviewed.
 */
@Service
@EnableConfigurationProperties(ReferralProperties.class)
public class Referrals {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int CODE_LENGTH = 8;

    private final JdbcClient jdbc;
    private final CustomerApi customers;
    private final PointsLedger ledger;
    private final PointsAccounts accounts;
    private final io.guanxi.loyalty.domain.StagedEarnings staged;
    private final AuditTrail audit;
    private final ReferralProperties properties;
    private final ObjectProvider<PurchaseRecord> purchases;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    Referrals(
            JdbcClient jdbc,
            CustomerApi customers,
            PointsLedger ledger,
            PointsAccounts accounts,
            io.guanxi.loyalty.domain.StagedEarnings staged,
            AuditTrail audit,
            ReferralProperties properties,
            ObjectProvider<PurchaseRecord> purchases,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.ledger = ledger;
        this.accounts = accounts;
        this.staged = staged;
        this.audit = audit;
        this.properties = properties;
        this.purchases = purchases;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public ReferralProperties properties() {
        return properties;
    }

    /** The customer's code, if one was made. */
    public Optional<String> code(long customerId) {
        return jdbc.sql("SELECT code FROM referral_code WHERE customer_id = ?")
                .param(customerId)
                .query(String.class)
                .optional();
    }

    /** The customer's code, made now when there is none yet (a repeat returns the same code). */
    public String codeFor(long customerId) {
        Optional<String> existing = code(customerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        customer(customerId);
        for (int attempt = 0; attempt < 5; attempt++) {
            String candidate = newCode();
            jdbc.sql("INSERT INTO referral_code (customer_id, code, created_at) VALUES (?, ?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .params(customerId, candidate, Timestamp.from(clock.instant()))
                    .update();
            Optional<String> made = code(customerId);
            if (made.isPresent()) {
                return made.get();
            }
        }
        throw new IllegalStateException("Could not make a unique referral code");
    }

    /**
     * Whose code this is: the customer it was made for or, when that record was merged into another,
     * the survivor (a code already shared keeps working after a merge; an undo gives it back).
     */
    public Optional<Long> owner(String code) {
        String normalised = normaliseCode(code);
        if (normalised.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT customer_id FROM referral_code WHERE code = ?")
                .param(normalised)
                .query(Long.class)
                .optional()
                .flatMap(customers::survivorOf);
    }

    /**
     * Records that {@code refereeId} was brought by the owner of {@code code}. A refused attempt is
     * audited with its reason and nothing else is written.
     */
    public ReferralView refer(String code, long refereeId, String actor) {
        String normalised = normaliseCode(code);
        CustomerView referee = customer(refereeId);
        Optional<Long> referrerId = owner(normalised);
        Optional<Reason> refused =
                referrerId.isEmpty() ? Optional.of(Reason.UNKNOWN_CODE) : guard(customer(referrerId.get()), referee);
        if (refused.isPresent()) {
            audit.record(
                    "REFERRAL_REFUSED",
                    "Customer",
                    refereeId,
                    "code " + normalised + ": " + refused.get().name());
            throw refused.get() == Reason.ALREADY_REFERRED
                    ? ConflictException.because("This customer was already referred")
                    : new ReferralRejected(refused.get());
        }
        return transactions.execute(status -> record(normalised, referrerId.get(), referee, actor));
    }

    private ReferralView record(String code, long referrerId, CustomerView referee, String actor) {
        Instant now = clock.instant();
        int inserted = jdbc.sql("INSERT INTO referral (referrer_id, referee_id, code, state, referred_at, actor)"
                        + " VALUES (?, ?, ?, 'PENDING', ?, ?) ON CONFLICT DO NOTHING")
                .params(referrerId, referee.id(), code, Timestamp.from(now), actor)
                .update();
        if (inserted == 0) {
            throw ConflictException.because("This customer was already referred");
        }
        audit.record("REFERRAL_RECORDED", "Customer", referee.id(), "referred by customer " + referrerId);
        events.publishEvent(new TimelineEntryPublished(
                referee.id(),
                "POINTS",
                now,
                "REFERRED_BY",
                "#" + referrerId + " · " + code,
                "loyalty",
                "referral:" + referee.id(),
                actor));
        ReferralView referral = byReferee(referee.id()).orElseThrow();
        if (properties.qualifyOn() == ReferralProperties.Qualification.SIGN_UP) {
            return qualify(referral, "signup:" + referee.id(), now, actor);
        }
        return referral;
    }

    /**
     * A purchase by {@code customerId}: when the customer's referral waits for a first purchase, it
     * succeeds now. Runs in the purchase's transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void purchased(long customerId, String source, Instant at, String actor) {
        if (properties.qualifyOn() != ReferralProperties.Qualification.FIRST_PURCHASE) {
            return;
        }
        byReferee(customerId)
                .filter(r -> r.state() == ReferralView.State.PENDING)
                .ifPresent(r -> qualify(r, source, at, actor));
    }

    /**
     * The same for a batch of purchases (an import): one query per 10,000 customers finds the
     * referrals that wait; each succeeds with its referee's earliest purchase in the batch.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void purchased(List<PurchaseEarning> purchases) {
        if (properties.qualifyOn() != ReferralProperties.Qualification.FIRST_PURCHASE || purchases.isEmpty()) {
            return;
        }
        Map<Long, PurchaseEarning> first = new HashMap<>();
        for (PurchaseEarning purchase : purchases) {
            first.merge(
                    purchase.customerId(), purchase, (a, b) -> b.occurredAt().isBefore(a.occurredAt()) ? b : a);
        }
        List<Long> ids = List.copyOf(first.keySet());
        for (int from = 0; from < ids.size(); from += 10_000) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 10_000));
            jdbc.sql(SELECT + " WHERE state = 'PENDING' AND referee_id IN (:ids) ORDER BY id")
                    .param("ids", chunk)
                    .query(Referrals::view)
                    .list()
                    .forEach(r -> {
                        PurchaseEarning purchase = first.get(r.refereeId());
                        qualify(r, purchase.source(), purchase.occurredAt(), purchase.actor());
                    });
        }
    }

    /**
     * The referral succeeds with the purchase (or sign-up) {@code source}. It takes the lowest success
     * number the referrer has free: the next one, or the one of a success undone since (see
     * {@link #purchaseReversed}), so the referrer's successes stay numbered 1..n and the n-th success
     * earns the n-th milestone bonus. The rewards' ledger sources are kept on the referral, so an
     * undo takes back exactly what was paid; after an undo they are new ones ({@code #} and the times
     * undone; a milestone bonus paid and taken back before under the same number, the referral's id
     * too), since the ledger pays a source once.
     */
    private ReferralView qualify(ReferralView referral, String source, Instant at, String actor) {
        lockSuccesses(referral.referrerId());
        long referrer = referral.referrerId();
        long referee = referral.refereeId();
        int number = jdbc.sql("SELECT MIN(c.candidate) FROM (SELECT 1 AS candidate UNION ALL SELECT success_number + 1"
                        + " FROM referral WHERE referrer_id = :referrer AND success_number IS NOT NULL) c"
                        + " WHERE NOT EXISTS (SELECT 1 FROM referral r WHERE r.referrer_id = :referrer"
                        + " AND r.success_number = c.candidate)")
                .param("referrer", referrer)
                .query(Integer.class)
                .single();
        int undone = jdbc.sql("SELECT times_undone FROM referral WHERE id = ?")
                .param(referral.id())
                .query(Integer.class)
                .single();
        String round = undone == 0 ? "" : "#" + undone;
        long referrerPoints = properties.referrerPoints();
        long refereePoints = properties.refereePoints();
        long bonus = properties.milestoneBonus(number);
        String referrerReward = referrerPoints > 0 ? "referral:" + referee + round : null;
        String refereeReward = refereePoints > 0 ? "referred:" + referee + round : null;
        String milestoneReward = null;
        if (bonus > 0) {
            milestoneReward = "referral-milestone:" + referrer + ":" + number;
            if (ledger.paid(milestoneReward)) {
                milestoneReward += "#" + referral.id() + "." + undone;
            }
        }
        int updated = jdbc.sql("UPDATE referral SET state = 'QUALIFIED', qualified_at = ?, qualified_by = ?,"
                        + " success_number = ?, referrer_reward = ?, referee_reward = ?, milestone_reward = ?"
                        + " WHERE id = ? AND state = 'PENDING'")
                .params(
                        Timestamp.from(at),
                        truncate(source, 120),
                        number,
                        referrerReward,
                        refereeReward,
                        milestoneReward,
                        referral.id())
                .update();
        if (updated == 0) {
            return byReferee(referral.refereeId()).orElseThrow();
        }
        if (referrerReward != null) {
            ledger.award(referrer, "REFERRAL", referrerPoints, referrerReward, actor);
        }
        if (refereeReward != null) {
            ledger.award(referee, "REFERRED", refereePoints, refereeReward, actor);
        }
        if (milestoneReward != null) {
            ledger.award(referrer, "REFERRAL_MILESTONE", bonus, milestoneReward, actor);
        }
        events.publishEvent(new TimelineEntryPublished(
                referrer,
                "POINTS",
                at,
                "REFERRAL_SUCCEEDED",
                "#" + referee + " · n° " + number + " · +" + (referrerPoints + bonus) + " pts",
                "loyalty",
                "referral-success:" + referee + round,
                actor));
        events.publishEvent(new ReferralSucceeded(referral.id(), referrer, referee, number, at));
        return byReferee(referee).orElseThrow();
    }

    /**
     * The purchase {@code purchaseSource} of {@code customerId} was cancelled or refunded in full
     * ({@code reference} e.g. {@code refund:7}). When it is the purchase that made the customer's
     * referral succeed, the success is undone, in the caller's transaction: the referral waits for a
     * purchase again (a later first purchase qualifies it anew), its success number is free again,
     * and the rewards it paid are taken back from whoever holds the referral now, as the ledger takes
     * back a purchase's points ({@link PointsLedger#takeBack}: points already spent become a negative
     * balance). That includes the milestone bonus the success paid: a bonus belongs to the success
     * that carries its number, so undoing the 3rd success takes the 3rd-success bonus back, even when
     * a later success still stands; the next success takes the free number 3 and earns the bonus
     * again. A partial refund, or a refund of any other purchase, leaves the referral as it is.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void purchaseReversed(long customerId, String purchaseSource, String reference, String actor) {
        Optional<Success> found = jdbc.sql("SELECT id, referrer_id, referee_id, success_number, referrer_reward,"
                        + " referee_reward, milestone_reward FROM referral WHERE referee_id = ? AND state = 'QUALIFIED'"
                        + " AND qualified_by = ?")
                .params(customerId, truncate(purchaseSource, 120))
                .query((rs, n) -> new Success(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getObject(4, Integer.class),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .optional();
        if (found.isEmpty()) {
            return;
        }
        Success success = found.get();
        lockSuccesses(success.referrerId());
        int undone = jdbc.sql("UPDATE referral SET state = 'PENDING', qualified_at = NULL, qualified_by = NULL,"
                        + " success_number = NULL, referrer_reward = NULL, referee_reward = NULL,"
                        + " milestone_reward = NULL, times_undone = times_undone + 1"
                        + " WHERE id = ? AND state = 'QUALIFIED' AND qualified_by = ?")
                .params(success.id(), truncate(purchaseSource, 120))
                .update();
        if (undone == 0) {
            return;
        }
        long fromReferrer = ledger.takeBack(
                        success.referrerId(),
                        success.referrerReward(),
                        "REFERRAL_UNDONE",
                        success.referrerReward() + "/" + reference,
                        actor)
                + ledger.takeBack(
                        success.referrerId(),
                        success.milestoneReward(),
                        "REFERRAL_MILESTONE_UNDONE",
                        success.milestoneReward() + "/" + reference,
                        actor);
        ledger.takeBack(
                success.refereeId(),
                success.refereeReward(),
                "REFERRED_UNDONE",
                success.refereeReward() + "/" + reference,
                actor);
        audit.record(
                "REFERRAL_UNDONE",
                "Customer",
                success.refereeId(),
                "success n° " + success.number() + " of customer " + success.referrerId() + ", " + purchaseSource
                        + " reversed by " + reference);
        events.publishEvent(new TimelineEntryPublished(
                success.referrerId(),
                "POINTS",
                clock.instant(),
                "REFERRAL_UNDONE",
                "#" + success.refereeId() + " · n° " + success.number() + " · −" + fromReferrer + " pts",
                "loyalty",
                "referral-undone:" + success.refereeId() + ":" + reference,
                actor));
    }

    /** A referral's success as it is undone: who holds it, its number and the rewards it paid. */
    private record Success(
            long id,
            long referrerId,
            long refereeId,
            Integer number,
            String referrerReward,
            String refereeReward,
            String milestoneReward) {}

    /**
     * Serialises the referrer's successes, so the n-th success is numbered once: their points account
     * is locked (opened when missing), which every referrer has once asked, unlike a referral code row
     * (a merge survivor credited through the duplicate's code has none). The rewards lock it anyway.
     */
    private void lockSuccesses(long referrerId) {
        accounts.lockAll(List.of(referrerId), clock.instant());
    }

    /** The referral that brought this customer, if any. */
    public Optional<ReferralView> byReferee(long refereeId) {
        return jdbc.sql(SELECT + " WHERE referee_id = ?")
                .param(refereeId)
                .query(Referrals::view)
                .optional();
    }

    /** The customers this one has brought, newest first. */
    public List<ReferralView> byReferrer(long referrerId, int limit) {
        return jdbc.sql(SELECT + " WHERE referrer_id = ? ORDER BY id DESC LIMIT ?")
                .params(referrerId, limit)
                .query(Referrals::view)
                .list();
    }

    /** How many of this customer's referrals have succeeded. */
    public int successes(long referrerId) {
        return jdbc.sql("SELECT COUNT(*) FROM referral WHERE referrer_id = ? AND state = 'QUALIFIED'")
                .param(referrerId)
                .query(Integer.class)
                .single();
    }

    /** The first guard that refuses the pair, if any. */
    Optional<Reason> guard(CustomerView referrer, CustomerView referee) {
        if (referrer.id() == referee.id()) {
            return Optional.of(Reason.SELF_REFERRAL);
        }
        if (byReferee(referee.id()).isPresent()) {
            return Optional.of(Reason.ALREADY_REFERRED);
        }
        if (same(referrer.phone(), referee.phone())) {
            return Optional.of(Reason.SHARED_PHONE);
        }
        if (same(referrer.email(), referee.email())) {
            return Optional.of(Reason.SHARED_EMAIL);
        }
        if (same(referrer.idNumber(), referee.idNumber())) {
            return Optional.of(Reason.SHARED_ID_NUMBER);
        }
        if (sameAddress(referrer, referee)) {
            return Optional.of(Reason.SHARED_ADDRESS);
        }
        if (byReferee(referrer.id()).filter(r -> r.referrerId() == referee.id()).isPresent()) {
            return Optional.of(Reason.CIRCULAR);
        }
        if (referee.createdAt().isBefore(clock.instant().minus(properties.refereeMaxAge()))) {
            return Optional.of(Reason.NOT_A_NEW_CUSTOMER);
        }
        if (properties.qualifyOn() == ReferralProperties.Qualification.FIRST_PURCHASE && hasBought(referee.id())) {
            return Optional.of(Reason.ALREADY_BOUGHT);
        }
        return Optional.empty();
    }

    /**
     * Whether the customer has bought: the orders answer ({@link PurchaseRecord}), so a purchase that
     * earned no points counts too; without the order module, the purchases that earned points do.
     */
    private boolean hasBought(long customerId) {
        PurchaseRecord record = purchases.getIfAvailable();
        boolean bought = record != null
                ? record.hasPurchased(customerId)
                : jdbc.sql("SELECT COUNT(*) > 0 FROM points_movement WHERE customer_id = ? AND type = 'EARN'"
                                + " AND reason = 'PURCHASE'")
                        .param(customerId)
                        .query(Boolean.class)
                        .single();
        // an import's purchases earn in the ledger when it is through (ADR 0018)
        return bought || staged.holds(customerId);
    }

    static boolean same(String a, String b) {
        String left = comparable(a);
        return !left.isEmpty() && left.equals(comparable(b));
    }

    static boolean sameAddress(CustomerView a, CustomerView b) {
        return same(a.street(), b.street())
                && comparable(a.city()).equals(comparable(b.city()))
                && comparable(a.district()).equals(comparable(b.district()));
    }

    /** Full-width folded, case and whitespace ignored. */
    static String comparable(String value) {
        if (value == null) {
            return "";
        }
        return Normalizer.normalize(value, Normalizer.Form.NFKC)
                .replaceAll("[\\s\\p{Z}]+", "")
                .toLowerCase(Locale.ROOT);
    }

    static String normaliseCode(String code) {
        return code == null
                ? ""
                : Normalizer.normalize(code, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    private CustomerView customer(long id) {
        return customers.find(id, ScopeFilter.all()).orElseThrow(() -> NotFoundException.of("Customer", id));
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }

    private static final String SELECT = "SELECT id, referrer_id, referee_id, code, state, referred_at, qualified_at,"
            + " success_number FROM referral";

    private static ReferralView view(ResultSet rs, int row) throws SQLException {
        Timestamp qualified = rs.getTimestamp("qualified_at");
        Object number = rs.getObject("success_number");
        return new ReferralView(
                rs.getLong("id"),
                rs.getLong("referrer_id"),
                rs.getLong("referee_id"),
                rs.getString("code"),
                ReferralView.State.valueOf(rs.getString("state")),
                rs.getTimestamp("referred_at").toInstant(),
                qualified == null ? null : qualified.toInstant(),
                number == null ? null : ((Number) number).intValue());
    }
}
