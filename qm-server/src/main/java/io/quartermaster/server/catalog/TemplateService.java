package io.quartermaster.server.catalog;

import io.quartermaster.api.Page;
import io.quartermaster.api.catalog.ApprovalPolicy;
import io.quartermaster.api.catalog.CostProfile;
import io.quartermaster.api.catalog.CreateTemplate;
import io.quartermaster.api.catalog.DiskMode;
import io.quartermaster.api.images.ImageView;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.api.catalog.UpdateTemplate;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.access.Visibility;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.images.ImageService;
import io.quartermaster.server.platform.errors.FieldValidationException;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.errors.Versions;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.GroupDirectory;
import io.quartermaster.server.tenancy.TenantService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Templates. Users see the templates entitled to their groups; group administrators manage templates
 * entitled only to groups they administer; tenant administrators manage all of their tenant's. A
 * change never reaches machines already built: they keep the copy they were built with.
 */
@Service
public class TemplateService {

    private final TemplateRepository templates;
    private final TenantService tenants;
    private final GroupDirectory groups;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final ImageService images;
    private final Clock clock;

    TemplateService(TemplateRepository templates, TenantService tenants, GroupDirectory groups, Authorizer authorizer,
            AuditService audit, ImageService images, Clock clock) {
        this.templates = templates;
        this.tenants = tenants;
        this.groups = groups;
        this.authorizer = authorizer;
        this.audit = audit;
        this.images = images;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<TemplateView> list(UUID groupFilter, PageParams paging) {
        Visibility visible = authorizer.visibility(Operation.TEMPLATE_READ);
        return new Page<>(templates.page(visible, groupFilter, paging.offset(), paging.size()).stream()
                .map(this::viewFor).toList(), paging.page(), paging.size(), templates.count(visible, groupFilter));
    }

    @Transactional(readOnly = true)
    public TemplateView get(UUID id) {
        Template template = find(id);
        requireRead(template);
        return viewFor(template);
    }

    @Transactional
    public TemplateView create(CreateTemplate request) {
        UUID tenantId = request.tenantId() != null ? request.tenantId() : authorizer.caller().tenantId();
        if (tenantId == null) {
            throw new FieldValidationException("tenantId", "is required: name the tenant the template belongs to");
        }
        if (!tenants.exists(tenantId)) {
            throw QmException.notFound("Tenant", tenantId);
        }
        // Authorize before looking at the groups, so a refusal tells nothing about other groups' ids.
        List<UUID> requested = distinct(request.entitledGroupIds());
        requireManage(Scope.tenant(tenantId), scopes(tenantId, requested), "Tenant", tenantId);
        List<UUID> entitled = entitledGroups(tenantId, requested);
        String name = request.name().strip();
        if (templates.findByName(tenantId, name).isPresent()) {
            throw QmException.alreadyExists("This tenant already has a template named '" + name + "'.");
        }
        TemplateRules.hypervisorType(request.hypervisorType());
        ApprovalPolicy approval = request.approval() == null ? ApprovalPolicy.NEVER : request.approval();
        TemplateRules.approval(approval);
        var properties = request.customProperties() == null ? List.<io.quartermaster.api.catalog.CustomProperty>of()
                : request.customProperties();
        TemplateRules.customProperties(properties);
        var image = image(request.imageId(), tenantId);
        String imageRef = request.imageRef() != null ? request.imageRef().strip()
                : image.map(found -> found.name() + ":" + found.version()).orElseThrow(() -> new FieldValidationException(
                        "imageRef", "is required: give imageRef, or imageId of a registered image (GET /api/v1/images)"));
        Template template = new Template(UUID.randomUUID(), tenantId, name,
                request.description() == null ? "" : request.description().strip(), request.cpu(), request.memoryMiB(),
                request.disks(), imageRef, request.hypervisorType(),
                TemplateRules.lease(request.leaseDays(), request.permanent()),
                request.tombstoneDays() == null ? 7 : request.tombstoneDays(), approval, request.maxMachinesPerUser(),
                request.namingPrefix() == null ? TemplateRules.prefixFrom(name) : request.namingPrefix(), properties,
                entitled, request.cost() == null ? CostProfile.FREE : request.cost(), clock.instant(), 0,
                request.imageId(), request.diskMode() == null ? DiskMode.LINKED_CLONE : request.diskMode(),
                TemplateRules.userData(request.userData()));
        templates.insert(template);
        audit.success(Operation.TEMPLATE_MANAGE.key(), template.tenantScope(), "template", template.id(),
                "created '" + name + "' entitled to " + entitled.size() + " group(s)");
        return viewFor(find(template.id()));
    }

    @Transactional
    public TemplateView update(UUID id, UpdateTemplate r) {
        Template old = find(id);
        requireRead(old);
        List<UUID> requested = r.entitledGroupIds() == null ? old.entitledGroupIds() : distinct(r.entitledGroupIds());
        List<Scope> touched = new ArrayList<>(new LinkedHashSet<>(concat(old.groupScopes(), scopes(old.tenantId(), requested))));
        requireManage(old.tenantScope(), touched, "Template", id);
        List<UUID> entitled = r.entitledGroupIds() == null ? old.entitledGroupIds()
                : entitledGroups(old.tenantId(), requested);
        Versions.expect(r.version(), old.version(), "Template", id);
        String name = r.name() == null ? old.name() : r.name().strip();
        if (!name.equals(old.name()) && templates.findByName(old.tenantId(), name).isPresent()) {
            throw QmException.alreadyExists("This tenant already has a template named '" + name + "'.");
        }
        Integer lease = r.leaseDays() == null && r.permanent() == null ? old.leaseDays()
                : TemplateRules.lease(r.leaseDays(), r.permanent());
        ApprovalPolicy approval = r.approval() == null ? old.approval() : r.approval();
        TemplateRules.approval(approval);
        String hypervisor = r.hypervisorType() == null ? old.hypervisorType() : r.hypervisorType();
        TemplateRules.hypervisorType(hypervisor);
        var properties = r.customProperties() == null ? old.customProperties() : r.customProperties();
        TemplateRules.customProperties(properties);
        UUID imageId = r.imageId() == null ? old.imageId() : image(r.imageId(), old.tenantId()).orElseThrow().id();
        Template changed = new Template(id, old.tenantId(), name,
                r.description() == null ? old.description() : r.description().strip(),
                r.cpu() == null ? old.cpu() : r.cpu(), r.memoryMiB() == null ? old.memoryMiB() : r.memoryMiB(),
                r.disks() == null ? old.disks() : r.disks(), r.imageRef() == null ? old.imageRef() : r.imageRef().strip(),
                hypervisor, lease, r.tombstoneDays() == null ? old.tombstoneDays() : r.tombstoneDays(), approval,
                r.maxMachinesPerUser() == null ? old.maxMachinesPerUser() : r.maxMachinesPerUser(),
                r.namingPrefix() == null ? old.namingPrefix() : r.namingPrefix(), properties, entitled,
                r.cost() == null ? old.cost() : r.cost(), old.createdAt(), old.version(), imageId,
                r.diskMode() == null ? old.diskMode() : r.diskMode(),
                r.userData() == null ? old.userData() : TemplateRules.userData(r.userData()));
        Versions.applied(templates.update(changed, old.version()), "Template", id);
        audit.success(Operation.TEMPLATE_MANAGE.key(), old.tenantScope(), "template", id,
                "updated '" + name + "' to version " + (old.version() + 1));
        return viewFor(find(id));
    }

    @Transactional
    public void delete(UUID id) {
        Template old = find(id);
        requireRead(old);
        requireManage(old.tenantScope(), old.groupScopes(), "Template", id);
        Versions.applied(templates.delete(id, old.version()), "Template", id);
        audit.success(Operation.TEMPLATE_MANAGE.key(), old.tenantScope(), "template", id, "deleted '" + old.name() + "'");
    }

    Template find(UUID id) {
        return templates.find(id).orElseThrow(() -> QmException.notFound("Template", id));
    }

    /** Readable by tenant-level readers, or through any entitled group; otherwise it does not exist. */
    void requireRead(Template template) {
        if (!authorizer.can(Operation.TEMPLATE_READ, template.tenantScope())) {
            authorizer.requireAny(Operation.TEMPLATE_READ, template.groupScopes(), "Template", template.id());
        }
    }

    /** Managed at tenant level, or by someone allowed to manage templates in every group involved. */
    private void requireManage(Scope tenant, List<Scope> groupScopes, String what, Object id) {
        if (authorizer.can(Operation.TEMPLATE_MANAGE, tenant)) {
            authorizer.require(Operation.TEMPLATE_MANAGE, tenant, what, id);
        } else {
            authorizer.requireAll(Operation.TEMPLATE_MANAGE, groupScopes, what, id);
        }
    }

    /** The template as the caller may see it: only the entitled groups they hold a role in, below tenant level. */
    private TemplateView viewFor(Template template) {
        TemplateView view = template.view();
        if (authorizer.can(Operation.TEMPLATE_READ, template.tenantScope())) {
            return view;
        }
        List<UUID> visible = view.entitledGroupIds().stream()
                .filter(group -> authorizer.canSeeScope(Scope.group(template.tenantId(), group))).toList();
        return new TemplateView(view.id(), view.tenantId(), view.name(), view.description(), view.cpu(), view.memoryMiB(),
                view.disks(), view.diskGiB(), view.imageRef(), view.hypervisorType(), view.leaseDays(), view.permanent(),
                view.tombstoneDays(), view.approval(), view.maxMachinesPerUser(), view.namingPrefix(),
                view.customProperties(), visible, view.cost(), view.createdAt(), view.version(), view.imageId(),
                view.diskMode(), view.userData());
    }

    /** The registered image a template of the tenant may build from: its own tenant's or a shared one. */
    private java.util.Optional<ImageView> image(UUID imageId, UUID tenantId) {
        if (imageId == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(images.find(imageId)
                .filter(image -> image.tenantId() == null || image.tenantId().equals(tenantId))
                .orElseThrow(() -> QmException.invalid("UnknownImage", "Image " + imageId + " is not registered, or"
                        + " belongs to another tenant. GET /api/v1/images lists the images this tenant can use.")));
    }

    private static List<UUID> distinct(List<UUID> requested) {
        return requested == null ? List.of() : new ArrayList<>(new LinkedHashSet<>(requested));
    }

    /** Checks that every requested group is a group of the tenant (after authorization). */
    private List<UUID> entitledGroups(UUID tenantId, List<UUID> distinct) {
        for (UUID groupId : distinct) {
            if (groups.find(groupId).filter(group -> group.tenantId().equals(tenantId)).isEmpty()) {
                throw new FieldValidationException("entitledGroupIds", "no group " + groupId + " in this tenant");
            }
        }
        return distinct;
    }

    private static List<Scope> scopes(UUID tenantId, List<UUID> groupIds) {
        return groupIds.stream().map(group -> Scope.group(tenantId, group)).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
