package dev.pgapi.runtime.auth;

/** An identity provider's keys cannot be fetched when the token verifier starts; the message names the key. */
public final class KeysUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KeysUnavailableException(String message) {
        super(message);
    }
}
