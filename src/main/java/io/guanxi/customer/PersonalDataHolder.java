package io.guanxi.customer;

/**
 * Implemented by every module that keeps personal data about customers (orders with delivery
 * addresses, messages sent, tickets ...), so that a subject access export contains everything and
 * an erasure reaches everywhere without the customer module depending on those modules.
 */
public interface PersonalDataHolder {

    /** The section name in a subject access export, e.g. {@code orders}. */
    String section();

    /** Everything this module holds about the customer, as JSON-serialisable data. */
    Object export(long customerId);

    /** Removes or anonymises the customer's personal data; figures and aggregates may stay. */
    void erase(long customerId);
}
