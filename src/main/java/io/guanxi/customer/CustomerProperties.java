package io.guanxi.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the customer module ({@code guanxi.customer.*}).
 *
 * @param maxOwnedPerRep the most customers one person may own
 * @param pool when customers without follow-up return to the public pool
 * @param survivorship which record's value a merge keeps, per field
 */
@Validated
@ConfigurationProperties("guanxi.customer")
public record CustomerProperties(
        @Min(1) int maxOwnedPerRep, @Valid @NotNull Pool pool, Survivorship survivorship) {

    public CustomerProperties {
        survivorship = survivorship == null ? Survivorship.DEFAULT : survivorship;
    }

    /**
     * Survivorship rules of a merge: for each field (the address counts as one), which value the
     * surviving record keeps when both records have one. A value only the duplicate has is always
     * taken.
     *
     * @param rules the rule per field; a field not listed keeps the survivor's value, except phone,
     *     e-mail and address, which by default come from the more recently updated record
     * @param trustedSources source channels in order of trust, most trusted first, for
     *     {@code TRUSTED_SOURCE}; a channel not listed ranks after all listed ones
     */
    public record Survivorship(Map<MergeField, MergeRule> rules, List<SourceChannel> trustedSources) {

        private static final Map<MergeField, MergeRule> DEFAULT_RULES = Map.of(
                MergeField.PHONE, MergeRule.MOST_RECENT,
                MergeField.EMAIL, MergeRule.MOST_RECENT,
                MergeField.ADDRESS, MergeRule.MOST_RECENT);

        /** The rules when none are configured. */
        public static final Survivorship DEFAULT = new Survivorship(null, null);

        public Survivorship {
            Map<MergeField, MergeRule> merged = new EnumMap<>(MergeField.class);
            merged.putAll(DEFAULT_RULES);
            if (rules != null) {
                merged.putAll(rules);
            }
            rules = Collections.unmodifiableMap(merged);
            trustedSources = trustedSources == null ? List.of() : List.copyOf(trustedSources);
        }

        public MergeRule ruleFor(MergeField field) {
            return rules.getOrDefault(field, MergeRule.SURVIVOR_FIRST);
        }

        /** Lower is more trusted. */
        public int trustRank(SourceChannel channel) {
            int rank = channel == null ? -1 : trustedSources.indexOf(channel);
            return rank < 0 ? Integer.MAX_VALUE : rank;
        }
    }

    /** The fields a merge decides on; names, and the address parts, go together. */
    public enum MergeField {
        NAME,
        GENDER,
        BIRTHDAY,
        ID_NUMBER,
        PHONE,
        EMAIL,
        ADDRESS,
        STORE,
        OWNER
    }

    /** How a merge picks between two values. */
    public enum MergeRule {
        /** The survivor's value. */
        SURVIVOR_FIRST,
        /** The value of the record updated more recently. */
        MOST_RECENT,
        /** The fuller value: more address parts filled, the longer text. */
        MOST_COMPLETE,
        /** The value of the record from the more trusted source channel; the survivor's on a tie. */
        TRUSTED_SOURCE
    }

    /**
     * @param returnAfter days without follow-up, per kind of customer, after which a customer returns
     *     to the pool (a kind not listed never returns by itself)
     * @param noticeBefore how long before the return the owner is told
     * @param cron when the daily sweep runs
     */
    public record Pool(
            @NotNull Map<CustomerKind, Duration> returnAfter,
            @NotNull Duration noticeBefore,
            String cron) {}
}
