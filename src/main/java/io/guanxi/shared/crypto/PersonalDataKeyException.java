package io.guanxi.shared.crypto;

/** A stored value cannot be decrypted: its key is missing, or it was altered or moved. */
public class PersonalDataKeyException extends RuntimeException {

    public PersonalDataKeyException(String message) {
        super(message);
    }

    public PersonalDataKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
