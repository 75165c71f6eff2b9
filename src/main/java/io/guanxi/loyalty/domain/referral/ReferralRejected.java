package io.guanxi.loyalty.domain.referral;

import io.guanxi.shared.InvalidRequestException;

/** Why a referral cannot be recorded; the code says which guard refused it. */
public final class ReferralRejected {

    /** The guards. */
    public enum Reason {
        UNKNOWN_CODE,
        SELF_REFERRAL,
        SHARED_PHONE,
        SHARED_EMAIL,
        SHARED_ID_NUMBER,
        SHARED_ADDRESS,
        CIRCULAR,
        NOT_A_NEW_CUSTOMER,
        ALREADY_BOUGHT,
        ALREADY_REFERRED
    }

    private ReferralRejected() {}

    static InvalidRequestException because(Reason reason) {
        return InvalidRequestException.forField("code", "referral refused: " + reason.name());
    }
}
