package io.guanxi.customer;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * Command data for registering or changing a customer. Either a display name or a family/given name
 * is required; everything else is optional and normalised on the way in.
 */
public record CustomerDetails(
        @NotNull PartyType partyType,
        @NotNull CustomerKind kind,
        @Size(max = 200) String displayName,
        @Size(max = 100) String familyName,
        @Size(max = 100) String givenName,
        Gender gender,
        @Past LocalDate birthday,
        @Size(max = 40) String phone,
        @Size(max = 254) String email,
        @Size(max = 64) String province,
        @Size(max = 64) String city,
        @Size(max = 64) String district,
        @Size(max = 300) String street,
        @Size(max = 16) String postcode,
        @Size(max = 40) String idNumber,
        SourceChannel sourceChannel,
        Long storeId,
        Long ownerId) {

    /** The same details, placed in a store and with an owner. */
    public CustomerDetails placedAt(Long store, Long owner) {
        return new CustomerDetails(
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
                store,
                owner);
    }
}
