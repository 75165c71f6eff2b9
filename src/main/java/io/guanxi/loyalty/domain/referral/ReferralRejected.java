package io.guanxi.loyalty.domain.referral;

import io.guanxi.shared.InvalidRequestException;

/** A referral a guard refused; {@link #reason()} says which guard. */
public final class ReferralRejected extends RuntimeException {

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

    private final Reason reason;

    ReferralRejected(Reason reason) {
        super("referral refused: " + reason.name());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The refusal as an API answers it: 400 with the reason on the code field. */
    public InvalidRequestException asInvalidRequest() {
        return InvalidRequestException.forField("code", getMessage());
    }
}
