package io.quartermaster.bench;

import io.quartermaster.api.capacity.Amounts;
import io.quartermaster.server.capacity.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The shape of a benchmark fleet: {@code hosts} hosts, each with {@code reservationsPerHost}
 * reservations for different groups, spread evenly over {@code groups} groups. Reservation
 * {@code r} of host {@code h} belongs to group {@code (h * reservationsPerHost + r) % groups}.
 */
record Fleet(int hosts, int reservationsPerHost, int groups) {

    int reservations() {
        return hosts * reservationsPerHost;
    }

    int groupOf(int host, int reservation) {
        return (host * reservationsPerHost + reservation) % groups;
    }

    /** In-memory candidates of every group, as placement would read them from the database. */
    List<List<Candidate>> candidatesByGroup(Amounts size, int maxMachines) {
        List<List<Candidate>> byGroup = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            byGroup.add(new ArrayList<>());
        }
        java.util.Random random = new java.util.Random(42);
        for (int h = 0; h < hosts; h++) {
            UUID host = new UUID(0, h);
            for (int r = 0; r < reservationsPerHost; r++) {
                // Partly used reservations, so decisions have something to weigh.
                Amounts used = new Amounts(random.nextInt((int) size.cpu()), random.nextLong(size.memoryMiB()),
                        random.nextLong(size.diskGiB()));
                byGroup.get(groupOf(h, r)).add(new Candidate(new UUID(1, (long) h * reservationsPerHost + r),
                        "r" + h + "-" + r, host, "h" + h, random.nextInt(3) * 10, size, size.minus(used),
                        maxMachines - random.nextInt(maxMachines)));
            }
        }
        return byGroup;
    }
}
