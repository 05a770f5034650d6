package io.quartermaster.api.notifications;

/** Where an e-mail notification stands. */
public enum NotificationStatus {
    /** Waiting to be sent, or to be tried again after a failure. */
    PENDING,
    /** Handed to the mail server (or, with none configured, written to the server's log). */
    SENT,
    /** Not sent, on purpose: the recipient has no e-mail address, opted out, or is disabled. */
    SKIPPED,
    /** Given up after the last attempt failed; the last error says why. */
    FAILED
}
