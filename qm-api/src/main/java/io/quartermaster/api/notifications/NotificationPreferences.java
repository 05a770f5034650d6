package io.quartermaster.api.notifications;

/**
 * Which optional e-mail a user gets. {@code leaseReminders} covers reminders before a lease ends and the
 * warning before an expired machine is destroyed; {@code approvalRequests} the mail to group
 * administrators that a request or a longer lease waits for their approval. News about the user's own
 * machines (ready, expired, failed) and how their requests were decided is always sent.
 */
public record NotificationPreferences(boolean leaseReminders, boolean approvalRequests, long version) {}
