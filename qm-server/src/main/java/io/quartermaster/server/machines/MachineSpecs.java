package io.quartermaster.server.machines;

import io.quartermaster.api.catalog.DiskMode;
import io.quartermaster.api.catalog.TemplateView;
import io.quartermaster.server.images.ImageService;
import io.quartermaster.server.tenancy.SshKeyService;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** A machine's spec at request time: its template, the template's image, and its owner's SSH keys. */
@Component
class MachineSpecs {

    private final ImageService images;
    private final SshKeyService sshKeys;

    MachineSpecs(ImageService images, SshKeyService sshKeys) {
        this.images = images;
        this.sshKeys = sshKeys;
    }

    MachineSpec of(TemplateView template, UUID ownerId) {
        MachineSpec.Image image = template.imageId() == null ? null : images.find(template.imageId())
                .map(found -> new MachineSpec.Image(found.id(), found.name(), found.version(), found.format(),
                        found.sizeBytes(), found.sha256(), found.contentPath()))
                .orElseThrow(() -> new IllegalStateException("Template " + template.id() + " names image "
                        + template.imageId() + ", which is gone")); // the database keeps a used image
        return new MachineSpec(template.cpu(), template.memoryMiB(), template.disks(), template.diskGiB(),
                template.imageRef(), template.hypervisorType(), template.namingPrefix(), template.leaseDays(),
                template.tombstoneDays(), template.approval(), image,
                template.diskMode() == null ? DiskMode.LINKED_CLONE : template.diskMode(), template.userData(),
                sshKeys.keysOf(ownerId));
    }
}
