package io.guanxi.shared.web;

import java.io.IOException;

/** The request body is larger than the API accepts. */
public class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes");
    }
}
