package io.quartermaster.api.machines;

import java.util.List;

/** The keys of the actions on a machine ({@code POST /api/v1/machines/{id}/actions/{key}}). */
public final class MachineActions {

    /** Every action, in the order they are listed to people. */
    public static final List<String> ALL = List.of("extend-lease", "set-reminder", "restore", "dispose", "power-off",
            "power-on", "reboot", "reprovision", "retry", "change-owner");

    /** Actions a group's policy may forbid its users (change-owner is for administrators anyway). */
    public static final List<String> FORBIDDABLE = ALL.stream().filter(key -> !key.equals("change-owner")).toList();

    private MachineActions() {}
}
