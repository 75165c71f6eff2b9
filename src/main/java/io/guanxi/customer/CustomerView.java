package io.guanxi.customer;

import java.time.Instant;
import java.time.LocalDate;

/** A customer as pages and the API show it. */
public record CustomerView(
        long id,
        PartyType partyType,
        CustomerKind kind,
        String displayName,
        String familyName,
        String givenName,
        Gender gender,
        LocalDate birthday,
        String phone,
        String email,
        String province,
        String city,
        String district,
        String street,
        String postcode,
        String idNumber,
        SourceChannel sourceChannel,
        Long storeId,
        Long ownerId,
        Instant createdAt,
        Instant updatedAt,
        int version) {

    /** The same customer as of another version (to write a snapshot back over a newer row). */
    public CustomerView withVersion(int newVersion) {
        return new CustomerView(
                id,
                partyType,
                kind,
                displayName,
                familyName,
                givenName,
                gender,
                birthday,
                phone,
                email,
                province,
                city,
                district,
                street,
                postcode,
                idNumber,
                sourceChannel,
                storeId,
                ownerId,
                createdAt,
                updatedAt,
                newVersion);
    }
}
