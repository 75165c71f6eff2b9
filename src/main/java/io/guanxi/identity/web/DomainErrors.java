package io.guanxi.identity.web;

import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import org.springframework.validation.BindingResult;

/** Puts errors the domain raised onto a form, so the page shows them next to the fields. */
final class DomainErrors {

    private DomainErrors() {}

    static boolean bind(RuntimeException e, BindingResult result) {
        if (e instanceof InvalidRequestException invalid) {
            if (invalid.fieldProblems().isEmpty()) {
                result.reject("error.invalid", invalid.getMessage());
            }
            invalid.fieldProblems().forEach(p -> result.rejectValue(p.field(), "error.invalid", p.message()));
            return true;
        }
        if (e instanceof ConflictException) {
            result.reject("error.conflict", e.getMessage());
            return true;
        }
        return false;
    }
}
