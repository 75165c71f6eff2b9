package io.guanxi.identity;

/** Which customers (and other owned records) a user sees. Applied inside queries. */
public enum DataScope {
    /** Records the user owns. */
    OWN,
    /** Records owned by anyone in the user's team. */
    TEAM,
    /** Records of the user's store. */
    STORE,
    /** Everything. */
    ALL
}
