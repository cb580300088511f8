package io.lvsdirector.store;

/** An If-Match precondition did not hold: the object changed since the client read it. */
public class PreconditionFailedException extends RuntimeException {
    public PreconditionFailedException(String message) {
        super(message);
    }
}
