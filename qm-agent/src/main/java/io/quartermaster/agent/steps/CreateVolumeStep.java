package io.quartermaster.agent.steps;

import io.quartermaster.agent.driver.Driver;
import io.quartermaster.agent.driver.MachineSpec;
import io.quartermaster.agent.driver.Volumes;
import io.quartermaster.agent.driver.Volumes.Volume;
import io.quartermaster.agent.driver.Volumes.VolumeSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code Create-Volume}: makes the machine's disks. The system disk (role {@code system}, else the first) is
 * cloned from {@code imageRef}, linked when the driver can; the others are blank. Volumes that exist already
 * are kept, so a repeated task makes no second disk. A driver without volumes (a physical host) has nothing
 * to make: the step succeeds and says so.
 */
final class CreateVolumeStep implements StepHandler {

    private final Driver driver;

    CreateVolumeStep(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Map<String, Object> run(StepTask task) {
        UUID machineId = TaskParameters.machineId(task);
        List<MachineSpec.Disk> disks = TaskParameters.disks(task);
        String image = TaskParameters.imageRef(task);
        if (driver.volumes().isEmpty()) {
            return Map.of("volumes", List.of(), "skipped", "The " + driver.name() + " driver makes no volumes.");
        }
        Volumes volumes = driver.volumes().get();
        int system = systemDisk(disks);
        List<Map<String, Object>> made = new ArrayList<>();
        for (int i = 0; i < disks.size(); i++) {
            MachineSpec.Disk disk = disks.get(i);
            String base = i == system ? image : null;
            made.add(describe(volumes.ensureVolume(
                    new VolumeSpec(machineId, disk.role(), disk.sizeGiB(), base, volumes.linkedClones()))));
        }
        return Map.of("volumes", made);
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
