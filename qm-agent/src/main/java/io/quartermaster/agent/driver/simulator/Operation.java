package io.quartermaster.agent.driver.simulator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The simulator's operations, named like the steps that use them so that a knob reads as the step it slows
 * down or breaks ({@code latency.Create-Machine=200ms}).
 */
enum Operation {
    CreateMachine("Create-Machine"),
    StartMachine("Start-Machine"),
    StopMachine("Stop-Machine"),
    RebootMachine("Reboot-Machine"),
    DestroyMachine("Destroy-Machine"),
    InspectMachine("Inspect-Machine"),
    ListMachines("List-Machines"),
    CustomizeMachine("Customize-Machine"),
    CreateVolume("Create-Volume"),
    DeleteVolume("Delete-Volume"),
    ListVolumes("List-Volumes"),
    SnapshotMachine("Snapshot-Machine"),
    DeleteSnapshot("Delete-Snapshot"),
    ListSnapshots("List-Snapshots");

    final String label;

    Operation(String label) {
        this.label = label;
    }

    static Optional<Operation> byLabel(String label) {
        return Arrays.stream(values()).filter(operation -> operation.label.equals(label)).findFirst();
    }
}
