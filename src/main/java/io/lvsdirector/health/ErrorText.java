package io.lvsdirector.health;

/** Short, readable error text for a probe failure (the API shows it as lastError). */
final class ErrorText {

    private ErrorText() {
    }

    static String of(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String kind = root.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
