package io.guanxi.customer;

public enum Gender {
    FEMALE,
    MALE,
    OTHER
}
