package io.guanxi.identity;

/** A user left or was switched off; records they own should go back to their pool. */
public record UserDeactivated(long userId, String username) {}
