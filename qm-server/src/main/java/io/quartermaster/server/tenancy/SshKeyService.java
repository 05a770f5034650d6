package io.quartermaster.server.tenancy;

import io.quartermaster.api.tenancy.SshKeys;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The SSH public keys people want on their machines. Reading and replacing one's own is self-service,
 * allowed to every signed-in user whatever their role; the build of a machine reads its owner's.
 */
@Service
public class SshKeyService {

    static final String UPDATE = "ssh-keys.update";

    private final SshKeyRepository keys;
    private final Authorizer authorizer;
    private final AuditService audit;

    SshKeyService(SshKeyRepository keys, Authorizer authorizer, AuditService audit) {
        this.keys = keys;
        this.authorizer = authorizer;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public SshKeys mine() {
        return new SshKeys(keys.of(authorizer.caller().userId()));
    }

    /** Replaces the caller's keys with the given ones (checked, duplicates dropped). */
    @Transactional
    public SshKeys replaceMine(SshKeys request) {
        Caller caller = authorizer.self(UPDATE);
        List<String> normalized = SshKeyRules.normalized(request.keys());
        keys.replace(caller.userId(), normalized);
        Scope where = caller.tenantId() == null ? Scope.system() : Scope.tenant(caller.tenantId());
        audit.success(UPDATE, where, "user", caller.userId(), normalized.size() + " key(s): " + String.join(", ",
                normalized.stream().map(SshKeyService::summary).toList()));
        return new SshKeys(normalized);
    }

    /** A user's keys, without any authorization (a machine's build gives its owner's to cloud-init). */
    @Transactional(readOnly = true)
    public List<String> keysOf(UUID userId) {
        return keys.of(userId);
    }

    /** Type and comment, not the key itself, for the audit trail. */
    private static String summary(String key) {
        String[] parts = key.split(" ", 3);
        return parts[0] + (parts.length == 3 ? " " + parts[2] : "");
    }
}
