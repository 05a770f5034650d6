package io.quartermaster.api.notifications;

/**
 * Which optional e-mail a user gets. {@code leaseReminders} covers reminders before a lease ends and the
 * warning before an expired machine is destroyed; {@code approvalRequests} the mail to group
 * administrators that a request waits for their approval. That a machine is ready, that it expired and
 * how a request was decided are always sent.
 */
public record NotificationPreferences(boolean leaseReminders, boolean approvalRequests, long version) {}
