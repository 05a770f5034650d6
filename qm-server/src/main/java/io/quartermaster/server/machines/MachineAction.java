package io.quartermaster.server.machines;

import io.quartermaster.api.machines.MachineState;
import io.quartermaster.api.machines.PowerState;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What people may ask of a machine, and in which states each makes sense. The workflow is the final
 * judge (an action is delivered only to a machine waiting for one), this table is what the API answers
 * before asking it, so a refusal names the reason.
 */
enum MachineAction {
    EXTEND_LEASE("extend-lease", false),
    SET_REMINDER("set-reminder", false),
    RESTORE("restore", false),
    DISPOSE("dispose", false),
    POWER_OFF("power-off", false),
    POWER_ON("power-on", false),
    REBOOT("reboot", false),
    REPROVISION("reprovision", false),
    RETRY("retry", false),
    CHANGE_OWNER("change-owner", true);

    private final String key;
    private final boolean adminOnly;

    MachineAction(String key, boolean adminOnly) {
        this.key = key;
        this.adminOnly = adminOnly;
    }

    String key() {
        return key;
    }

    /** Only group administrators (and above) may take it, even on their own machines. */
    boolean adminOnly() {
        return adminOnly;
    }

    /** Sent to the workflow as a message; change-owner is a plain data change. */
    boolean viaWorkflow() {
        return this != CHANGE_OWNER;
    }

    static Optional<MachineAction> byKey(String key) {
        return Arrays.stream(values()).filter(action -> action.key.equals(key)).findFirst();
    }

    /**
     * The actions that make sense for a machine in this state and power, with a lease or permanent,
     * idle or busy with a host step.
     */
    static Set<MachineAction> allowed(MachineState state, PowerState power, boolean permanent, boolean busy) {
        Set<MachineAction> allowed = EnumSet.noneOf(MachineAction.class);
        if (state.isFinal()) {
            return allowed;
        }
        allowed.add(CHANGE_OWNER);
        if (busy) {
            return allowed;
        }
        switch (state) {
            case Active -> {
                allowed.addAll(EnumSet.of(DISPOSE, REPROVISION));
                allowed.add(power == PowerState.On ? POWER_OFF : POWER_ON);
                if (power == PowerState.On) {
                    allowed.add(REBOOT);
                }
                if (!permanent) {
                    allowed.addAll(EnumSet.of(EXTEND_LEASE, SET_REMINDER));
                }
            }
            case Expired -> allowed.addAll(EnumSet.of(RESTORE, EXTEND_LEASE, DISPOSE));
            case Failed -> allowed.addAll(EnumSet.of(RETRY, DISPOSE));
            case Disposing -> allowed.add(DISPOSE);
            default -> { }
        }
        return allowed;
    }
}
