package io.quartermaster.server.notifications;

import io.quartermaster.api.notifications.NotificationPreferences;
import io.quartermaster.api.notifications.UpdateNotificationPreferences;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.errors.Versions;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's choice of optional notifications. Reading and changing one's own is self-service, allowed
 * to every signed-in user whatever their role; nobody reads or changes another's.
 */
@Service
class PreferenceService {

    static final String UPDATE = "notification-preferences.update";
    private static final PreferenceRepository.Stored DEFAULTS = new PreferenceRepository.Stored(true, true, 0);

    private final PreferenceRepository preferences;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final Clock clock;

    PreferenceService(PreferenceRepository preferences, Authorizer authorizer, AuditService audit, Clock clock) {
        this.preferences = preferences;
        this.authorizer = authorizer;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public NotificationPreferences mine() {
        return view(stored(authorizer.caller().userId()));
    }

    /** Sets both preferences; {@code version}, when given, must be the current one (0 before the first change). */
    @Transactional
    public NotificationPreferences update(UpdateNotificationPreferences request) {
        Caller caller = authorizer.self(UPDATE);
        UUID userId = caller.userId();
        PreferenceRepository.Stored current = stored(userId);
        Versions.expect(request.version(), current.version(), "The notification preferences of user", userId);
        if (current.version() == 0) {
            preferences.insert(userId, request.leaseReminders(), request.approvalRequests(), clock.instant());
        } else {
            Versions.applied(preferences.update(userId, request.leaseReminders(), request.approvalRequests(),
                    clock.instant(), current.version()), "The notification preferences of user", userId);
        }
        Scope where = caller.tenantId() == null ? Scope.system() : Scope.tenant(caller.tenantId());
        audit.success(UPDATE, where, "user", userId, "leaseReminders=" + request.leaseReminders()
                + ", approvalRequests=" + request.approvalRequests());
        return view(stored(userId));
    }

    /** Whether the user lets notices of this kind through (read in the notifying caller's transaction). */
    boolean allows(UUID userId, NoticeKind kind) {
        PreferenceRepository.Stored choice = stored(userId);
        return switch (kind.optOut()) {
            case NEVER -> true;
            case LEASE_REMINDERS -> choice.leaseReminders();
            case APPROVAL_REQUESTS -> choice.approvalRequests();
        };
    }

    private PreferenceRepository.Stored stored(UUID userId) {
        return preferences.find(userId).orElse(DEFAULTS);
    }

    private static NotificationPreferences view(PreferenceRepository.Stored stored) {
        return new NotificationPreferences(stored.leaseReminders(), stored.approvalRequests(), stored.version());
    }
}
