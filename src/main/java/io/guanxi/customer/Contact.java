package io.guanxi.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A person to talk to at an organisation customer; phone and email are normalised like the customer's. */
public record Contact(
        Long id,
        @NotBlank @Size(max = 100) String name,
        @Size(max = 100) String title,
        @Size(max = 40) String phone,
        @Size(max = 254) String email,
        Boolean primary) {

    public Contact {
        primary = Boolean.TRUE.equals(primary); // left out: not the primary contact
    }
}
