package io.quartermaster.server.catalog;

import io.quartermaster.api.catalog.CreateTemplate;
import io.quartermaster.api.catalog.CostProfile;
import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.server.audit.AuditService;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Templates created by the system itself (dev-mode demo data). Idempotent by name; audited as "system". */
@Service
public class CatalogSeeder {

    private final TemplateRepository templates;
    private final AuditService audit;
    private final Clock clock;

    CatalogSeeder(TemplateRepository templates, AuditService audit, Clock clock) {
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public UUID template(UUID tenantId, CreateTemplate t) {
        return templates.findByName(tenantId, t.name()).map(Template::id).orElseGet(() -> {
            Template template = new Template(UUID.randomUUID(), tenantId, t.name(), t.description(), t.cpu(),
                    t.memoryMiB(), t.disks(), t.imageRef(), t.hypervisorType(), t.leaseDays(),
                    t.tombstoneDays() == null ? 7 : t.tombstoneDays(),
                    t.approval() == null ? ApprovalPolicy.NEVER : t.approval(), t.maxMachinesPerUser(),
                    t.namingPrefix() == null ? TemplateRules.prefixFrom(t.name()) : t.namingPrefix(),
                    t.customProperties() == null ? List.of() : t.customProperties(), t.entitledGroupIds(),
                    t.cost() == null ? CostProfile.FREE : t.cost(), clock.instant(), 0, t.imageId(),
                    t.diskMode() == null ? io.quartermaster.api.catalog.DiskMode.LINKED_CLONE : t.diskMode(),
                    TemplateRules.userData(t.userData()));
            templates.insert(template);
            audit.system("template.manage", template.tenantScope(), "template", template.id(), "created " + t.name());
            return template.id();
        });
    }
}
