package io.quartermaster.server.machines;

import io.quartermaster.server.images.ImageUsage;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Live machines built from an image keep it: a retry, a reprovision or a new host may need to fetch it again. */
@Component
class MachineImageUsage implements ImageUsage {

    private final MachineRepository machines;

    MachineImageUsage(MachineRepository machines) {
        this.machines = machines;
    }

    @Override
    public List<String> usesOf(UUID imageId) {
        long live = machines.countLiveFromImage(imageId);
        return live == 0 ? List.of() : List.of(live + " machine(s) not yet disposed");
    }
}
