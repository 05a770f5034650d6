package io.quartermaster.server.images;

import io.quartermaster.api.Page;
import io.quartermaster.api.images.DiskImageHeader;
import io.quartermaster.api.images.ImageView;
import io.quartermaster.server.access.Authorizer;
import io.quartermaster.server.access.Caller;
import io.quartermaster.server.access.Operation;
import io.quartermaster.server.access.Scope;
import io.quartermaster.server.audit.AuditService;
import io.quartermaster.server.platform.db.AfterCommit;
import io.quartermaster.server.platform.errors.QmException;
import io.quartermaster.server.platform.web.PageParams;
import io.quartermaster.server.tenancy.TenantService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Master images. A tenant's images are seen by everyone with a role in the tenant and managed by its
 * administrators; shared images (no tenant) are seen by everyone with a role anywhere and managed by
 * system administrators. A registration is authorized and checked before its body is read, stored under
 * a temporary name while its SHA-256 is computed, and becomes a row and a file only when accepted.
 */
@Service
public class ImageService {

    private final ImageRepository images;
    private final ImageStore store;
    private final TenantService tenants;
    private final ObjectProvider<ImageUsage> usages;
    private final Authorizer authorizer;
    private final AuditService audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    ImageService(ImageRepository images, ImageStore store, TenantService tenants, ObjectProvider<ImageUsage> usages,
            Authorizer authorizer, AuditService audit, PlatformTransactionManager transactionManager, Clock clock) {
        this.images = images;
        this.store = store;
        this.tenants = tenants;
        this.usages = usages;
        this.authorizer = authorizer;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Registers the image whose bytes are {@code body}; nothing is left behind when it is refused. */
    public ImageView register(ImageUpload upload, long contentLength, InputStream body) {
        Caller caller = authorizer.caller();
        UUID tenantId = upload.tenantId() != null ? upload.tenantId() : caller.tenantId();
        Scope where = tenantId == null ? Scope.system() : Scope.tenant(tenantId);
        if (tenantId != null && !tenants.exists(tenantId)) {
            throw QmException.notFound("Tenant", tenantId);
        }
        authorizer.require(Operation.IMAGE_MANAGE, where, "Tenant", tenantId);
        String ownerKey = tenantId == null ? Image.SHARED : tenantId.toString();
        if (images.exists(ownerKey, upload.name(), upload.version())) {
            throw alreadyRegistered(upload);
        }
        if (contentLength > store.usableBytes()) {
            throw new QmException(HttpStatus.INSUFFICIENT_STORAGE, "InsufficientStorage", "The image store has room"
                    + " for " + store.usableBytes() + " more bytes, not " + contentLength + ". Delete unused images or"
                    + " give the store more room.");
        }
        ImageStore.Received received = receive(body);
        try {
            check(upload, received);
            UUID id = UUID.randomUUID();
            Image image = new Image(id, tenantId, upload.name(), upload.version(), upload.format(),
                    received.sizeBytes(), received.sha256(), id + "." + upload.format(), clock.instant(),
                    caller.username());
            store.keep(received, image.fileName());
            return insert(image, where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ImageStore.discard(received.part()); // gone already when kept
        }
    }

    private ImageStore.Received receive(InputStream body) {
        try {
            return store.receive(body);
        } catch (IOException e) {
            throw new QmException(HttpStatus.BAD_REQUEST, "UploadIncomplete", "The image could not be received in"
                    + " full (" + e.getMessage() + "). Send it again.");
        }
    }

    private static void check(ImageUpload upload, ImageStore.Received received) {
        if (received.sizeBytes() == 0) {
            throw QmException.invalid("EmptyImage", "The request body is empty: send the image file as the body"
                    + " (curl --data-binary @file).");
        }
        if (upload.sha256() != null && !upload.sha256().equals(received.sha256())) {
            throw QmException.invalid("ChecksumMismatch", "The received " + received.sizeBytes() + " bytes have"
                    + " SHA-256 " + received.sha256() + ", not " + upload.sha256() + " as given. Check the file and"
                    + " its checksum, and send it again; nothing was registered.");
        }
        DiskImageHeader.problem(upload.format(), received.head()).ifPresent(problem -> {
            throw QmException.invalid(problem.reason(), problem.message() + " Nothing was registered.");
        });
    }

    private ImageView insert(Image image, Scope where) {
        try {
            return transactions.execute(tx -> {
                images.insert(image);
                audit.success(Operation.IMAGE_MANAGE.key(), where, "image", image.id(), "registered '" + image.name()
                        + "' version " + image.version() + " (" + image.format() + ", " + image.sizeBytes()
                        + " bytes, sha256 " + image.sha256() + ")");
                return image.view();
            });
        } catch (DuplicateKeyException raced) {
            store.delete(image.fileName());
            throw alreadyRegistered(new ImageUpload(image.tenantId(), image.name(), image.version(), image.format(),
                    null));
        } catch (RuntimeException e) {
            store.delete(image.fileName());
            throw e;
        }
    }

    private static QmException alreadyRegistered(ImageUpload upload) {
        return QmException.alreadyExists("Image '" + upload.name() + "' version " + upload.version()
                + " is registered already" + (upload.tenantId() == null ? "" : " in this tenant")
                + ". Give the new file a new version.");
    }

    @Transactional(readOnly = true)
    public Page<ImageView> list(PageParams paging) {
        var tenantsAllowed = authorizer.tenantsAllowing(Operation.IMAGE_READ);
        return new Page<>(images.page(tenantsAllowed, paging.offset(), paging.size()).stream().map(Image::view)
                .toList(), paging.page(), paging.size(), images.count(tenantsAllowed));
    }

    @Transactional(readOnly = true)
    public ImageView get(UUID id) {
        return readable(id).view();
    }

    /** Deletes the image and its file; refused while a template or a live machine uses it. */
    @Transactional
    public void delete(UUID id) {
        Image image = readable(id);
        authorizer.require(Operation.IMAGE_MANAGE, image.scope(), "Image", id);
        List<String> uses = usages.orderedStream().flatMap(usage -> usage.usesOf(id).stream()).toList();
        if (!uses.isEmpty()) {
            throw new QmException(HttpStatus.CONFLICT, "ImageInUse", "Image '" + image.name() + "' version "
                    + image.version() + " is used by " + String.join(", ", uses) + ". It can be deleted once"
                    + " templates name another image and the machines built from it are disposed.");
        }
        if (!images.delete(id)) {
            throw QmException.notFound("Image", id);
        }
        audit.success(Operation.IMAGE_MANAGE.key(), image.scope(), "image", id, "deleted '" + image.name()
                + "' version " + image.version());
        AfterCommit.run(() -> store.delete(image.fileName()));
    }

    /** The image, without any authorization (templates check it belongs to their tenant or is shared). */
    @Transactional(readOnly = true)
    public Optional<ImageView> find(UUID id) {
        return images.find(id).map(Image::view);
    }

    /** The file of an image an agent of the tenant may fetch; NotFound for another tenant's image. */
    @Transactional(readOnly = true)
    Content contentFor(UUID agentTenantId, UUID id) {
        Image image = images.find(id).filter(found -> found.visibleToTenant(agentTenantId))
                .orElseThrow(() -> QmException.notFound("Image", id));
        return new Content(image, store.file(image.fileName()));
    }

    record Content(Image image, Path file) {}

    /** Readable by anyone with image.read in its tenant (in any group), a shared one by anyone with it anywhere. */
    private Image readable(UUID id) {
        Image image = images.find(id).orElseThrow(() -> QmException.notFound("Image", id));
        var tenantsAllowed = authorizer.tenantsAllowing(Operation.IMAGE_READ);
        boolean visible = tenantsAllowed.map(allowed -> image.tenantId() == null ? !allowed.isEmpty()
                : allowed.contains(image.tenantId())).orElse(true);
        if (!visible) {
            throw QmException.notFound("Image", id);
        }
        return image;
    }

}
