package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.Volumes;
import io.quartermaster.agent.driver.Volumes.Volume;
import io.quartermaster.agent.driver.Volumes.VolumeSpec;
import io.quartermaster.agent.steps.TaskParameters.ImageParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code Create-Volume}: makes the machine's disks. The system disk (role {@code system}, else the first) is
 * cloned from the task's master {@code image} (fetched into the host's cache first, when the driver keeps
 * one) or else from {@code imageRef}; it is a linked clone unless {@code diskMode} is {@code FULL_COPY} or the
 * driver cannot link. The other disks are blank. Volumes that exist already are kept, so a repeated task makes
 * no second disk. A driver without volumes (a physical host) has nothing to make: the step succeeds and says so.
 */
final class CreateVolumeStep implements StepHandler {

    private final Driver driver;
    private final ImageDownloads downloads;

    CreateVolumeStep(Driver driver, ImageDownloads downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        UUID machineId = TaskParameters.machineId(task);
        List<MachineSpec.Disk> disks = TaskParameters.disks(task);
        if (driver.volumes().isEmpty()) {
            return Map.of("volumes", List.of(), "skipped", "The " + driver.name() + " driver makes no volumes.");
        }
        Volumes volumes = driver.volumes().get();
        String image = baseImage(task);
        boolean linked = volumes.linkedClones() && TaskParameters.linkedClone(task);
        int system = systemDisk(disks);
        List<Map<String, Object>> made = new ArrayList<>();
        for (int i = 0; i < disks.size(); i++) {
            MachineSpec.Disk disk = disks.get(i);
            String base = i == system ? image : null;
            made.add(describe(volumes.ensureVolume(
                    new VolumeSpec(machineId, disk.role(), disk.sizeGiB(), base, base != null && linked))));
        }
        return Map.of("volumes", made);
    }

    /** The master on this host: fetched into the driver's cache when it keeps one, else named by imageRef. */
    private String baseImage(StepTask task) {
        Optional<ImageParameter> image = TaskParameters.image(task);
        String imageRef = TaskParameters.imageRef(task);
        if (image.isEmpty()) {
            return imageRef;
        }
        if (driver.masterImages().isEmpty()) {
            return imageRef != null ? imageRef : image.get().image().name();
        }
        String contentPath = image.get().contentPath();
        return driver.masterImages().get().ensureMaster(image.get().image(), () -> downloads.open(contentPath));
    }

    private static int systemDisk(List<MachineSpec.Disk> disks) {
        for (int i = 0; i < disks.size(); i++) {
            if ("system".equals(disks.get(i).role())) {
                return i;
            }
        }
        return 0;
    }

    private static Map<String, Object> describe(Volume volume) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("role", volume.role());
        description.put("sizeGiB", volume.sizeGiB());
        description.put("location", volume.location());
        if (volume.baseImage() != null) {
            description.put("baseImage", volume.baseImage());
            description.put("linkedClone", volume.linkedClone());
        }
        return description;
    }
}
