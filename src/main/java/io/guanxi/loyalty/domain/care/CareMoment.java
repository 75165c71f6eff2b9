package io.guanxi.loyalty.domain.care;

/** The kinds of care moment, each with one configuration. */
public enum CareMoment {
    BIRTHDAY,
    ANNIVERSARY,
    HOLIDAY,
    SERVICE_REMINDER
}
