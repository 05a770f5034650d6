package io.quartermaster.api.capacity;

/** An amount of each resource: virtual cpus, memory in MiB, disk in GiB. */
public record Amounts(long cpu, long memoryMiB, long diskGiB) {

    public static final Amounts ZERO = new Amounts(0, 0, 0);

    public Amounts plus(Amounts other) {
        return new Amounts(cpu + other.cpu, memoryMiB + other.memoryMiB, diskGiB + other.diskGiB);
    }

    public Amounts minus(Amounts other) {
        return new Amounts(cpu - other.cpu, memoryMiB - other.memoryMiB, diskGiB - other.diskGiB);
    }

    /** True when every resource here is at most the other's. */
    public boolean fitsIn(Amounts other) {
        return cpu <= other.cpu && memoryMiB <= other.memoryMiB && diskGiB <= other.diskGiB;
    }

    @Override
    public String toString() {
        return cpu + " cpu, " + memoryMiB + " MiB memory, " + diskGiB + " GiB disk";
    }
}
