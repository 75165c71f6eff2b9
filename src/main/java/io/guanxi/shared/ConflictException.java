package io.guanxi.shared;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The request conflicts with the current state (duplicate key, stale version). */
@ResponseStatus(HttpStatus.CONFLICT)
public class ConflictException extends RuntimeException {

    private ConflictException(String message) {
        super(message);
    }

    public static ConflictException because(String message) {
        return new ConflictException(message);
    }
}
