package io.guanxi.shared.web;

import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import org.springframework.validation.BindingResult;

/** Puts errors the domain raised onto a form, so the page shows them next to the fields. */
public final class FormErrors {

    private FormErrors() {}

    /** @return true when the error was bound to the form; false when the caller must rethrow it */
    public static boolean bind(RuntimeException e, BindingResult result) {
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
