package io.quartermaster.server.machines;

import io.quartermaster.api.machines.MachineState;
import java.util.Map;

/**
 * How many of the machines a person may see are in each state, and how many active leases end soon:
 * what the administrators' dashboard draws.
 *
 * @param byState every state, zero where there are none
 * @param leasesEndingIn7Days active machines whose lease ends within 7 days from now
 * @param leasesEndingIn30Days the same within 30 days (those of the 7 days included)
 */
public record MachineSummary(Map<MachineState, Long> byState, long leasesEndingIn7Days, long leasesEndingIn30Days) {

    public long total() {
        return byState.values().stream().mapToLong(Long::longValue).sum();
    }
}
