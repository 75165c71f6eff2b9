package io.guanxi.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A record that the caller asked for does not exist (or is outside the caller's data scope). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

    private NotFoundException(String message) {
        super(message);
    }

    public static NotFoundException of(String type, Object id) {
        return new NotFoundException(type + " " + id + " not found");
    }
}
