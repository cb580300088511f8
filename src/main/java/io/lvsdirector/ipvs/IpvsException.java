package io.lvsdirector.ipvs;

/** A kernel write or read failed; the message carries the kernel's reason (errno name, ext-ack). */
public class IpvsException extends RuntimeException {

    public IpvsException(String message, Throwable cause) {
        super(message, cause);
    }

    public IpvsException(String message) {
        super(message);
    }
}
