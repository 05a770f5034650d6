package io.quartermaster.server.notifications;

import io.quartermaster.api.notifications.NotificationStatus;
import io.quartermaster.server.platform.db.AfterCommit;
import io.quartermaster.server.tenancy.GroupDirectory;
import io.quartermaster.server.tenancy.UserDirectory;
import io.quartermaster.server.tenancy.UserDirectory.Contact;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells people things by e-mail. Other features call it from inside their own transactions: a notice is
 * recorded in the caller's transaction (so a change that rolls back tells nobody) and mailed after the
 * commit by a background sender, with retries. Nothing here ever throws into the caller for mail
 * reasons, and a slow, failing or absent mail server never delays or fails the caller.
 *
 * <p>When a notice is recorded the recipient's e-mail address and preferences are read and the message
 * is rendered; a notice that cannot be delivered is kept as SKIPPED with the reason: {@code
 * NoEmailAddress}, {@code OptedOut}, {@code AccountDisabled}, {@code UnknownRecipient} or
 * {@code MailDisabled}.
 */
@Service
public class NotificationService {

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final UserDirectory users;
    private final GroupDirectory groups;
    private final PreferenceService preferences;
    private final MessageRenderer renderer;
    private final Outbox outbox;
    private final OutboxSender sender;
    private final MailSettings settings;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    NotificationService(UserDirectory users, GroupDirectory groups, PreferenceService preferences,
            MessageRenderer renderer, Outbox outbox, OutboxSender sender, MailSettings settings, Clock clock,
            PlatformTransactionManager transactions) {
        this.users = users;
        this.groups = groups;
        this.preferences = preferences;
        this.renderer = renderer;
        this.outbox = outbox;
        this.sender = sender;
        this.settings = settings;
        this.clock = clock;
        // A savepoint inside the caller's transaction (a transaction of its own without one): if recording
        // fails, only the savepoint is rolled back and the caller's transaction goes on, on PostgreSQL too.
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Records the notice for mailing once the caller's transaction commits (at once without one). Never
     * throws: if the notice cannot even be recorded, that is logged and the caller carries on.
     */
    public void notify(Notice notice) {
        Objects.requireNonNull(notice, "notice");
        try {
            savepoint.executeWithoutResult(status -> record(notice));
        } catch (RuntimeException e) {
            log.error("Could not record a {} notification for user {}; it will not be sent", notice.kind(),
                    notice.recipientId(), e);
        }
    }

    /**
     * Notifies each administrator of the group, with the notice {@code noticeFor} builds for each one's
     * user id. A group without administrators is looked after by its tenant's administrators (they may
     * decide its approvals too), so they are notified instead. Returns how many were notified; never
     * throws for mail reasons (an exception from {@code noticeFor} is the caller's own).
     */
    public int notifyGroupAdmins(UUID groupId, Function<UUID, Notice> noticeFor) {
        List<UUID> admins;
        try {
            admins = savepoint.execute(status -> adminsOf(groupId));
        } catch (RuntimeException e) {
            log.error("Could not find the administrators of group {}; they will not be notified", groupId, e);
            return 0;
        }
        admins.forEach(admin -> notify(noticeFor.apply(admin)));
        return admins.size();
    }

    private List<UUID> adminsOf(UUID groupId) {
        List<UUID> admins = groups.adminIds(groupId);
        if (!admins.isEmpty()) {
            return admins;
        }
        return groups.find(groupId).map(group -> users.tenantAdminIds(group.tenantId())).orElse(List.of());
    }

    private void record(Notice notice) {
        Optional<Contact> contact = users.contact(notice.recipientId());
        String skipped = reasonToSkip(notice, contact.orElse(null));
        String readerName = contact.map(Contact::displayName).orElse("");
        MessageRenderer.Message message = renderer.render(notice.kind(), readerName, notice.model());
        UUID id = UUID.randomUUID();
        NotificationStatus status = skipped == null ? NotificationStatus.PENDING : NotificationStatus.SKIPPED;
        outbox.insert(id, notice.kind(), notice.recipientId(), contact.map(Contact::email).orElse(null),
                message.subject(), message.body(), status, skipped, clock.instant());
        if (skipped == null) {
            AfterCommit.run(sender::wake);
        } else {
            log.debug("{} notification {} for user {} skipped: {}", notice.kind(), id, notice.recipientId(), skipped);
        }
    }

    /** Why the notice is not to be mailed, or null when it is. */
    private String reasonToSkip(Notice notice, Contact contact) {
        if (!settings.enabled()) {
            return "MailDisabled";
        }
        if (contact == null) {
            return "UnknownRecipient";
        }
        if (!contact.enabled()) {
            return "AccountDisabled";
        }
        if (contact.email() == null || contact.email().isBlank()) {
            return "NoEmailAddress";
        }
        return preferences.allows(contact.id(), notice.kind()) ? null : "OptedOut";
    }
}
