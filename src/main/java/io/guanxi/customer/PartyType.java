package io.guanxi.customer;

/** A customer is a person or an organisation. */
public enum PartyType {
    PERSON,
    ORGANISATION
}
