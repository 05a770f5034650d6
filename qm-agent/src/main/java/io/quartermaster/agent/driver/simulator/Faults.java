package io.quartermaster.agent.driver.simulator;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which calls fail or crash. A decision depends only on the seed, the operation, the key it acts on
 * (usually the machine id) and how many times that operation was called for that key, never on which thread
 * got there first: the same seed gives the same faults for the same calls, however tasks interleave.
 */
final class Faults {

    enum Fault {
        None,
        Fail,
        CrashAfterEffect
    }

    private final SimulatorSettings settings;
    private final ConcurrentHashMap<String, AtomicLong> calls = new ConcurrentHashMap<>();

    Faults(SimulatorSettings settings) {
        this.settings = settings;
    }

    Fault next(Operation operation, Object key) {
        double failureRate = settings.failureRate().get(operation);
        double crashRate = settings.crashRate().get(operation);
        if (failureRate == 0 && crashRate == 0) {
            return Fault.None;
        }
        String callKey = operation.label + "/" + key;
        long call = calls.computeIfAbsent(callKey, k -> new AtomicLong()).getAndIncrement();
        double draw = new SplittableRandom(settings.seed() ^ stableHash(callKey + "#" + call)).nextDouble();
        if (draw < failureRate) {
            return Fault.Fail;
        }
        return draw < failureRate + crashRate ? Fault.CrashAfterEffect : Fault.None;
    }

    /** The same 64 bits on every JVM (unlike Object.hashCode), so a seed reproduces across runs. */
    private static long stableHash(String text) {
        UUID digest = UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8));
        return digest.getMostSignificantBits() ^ digest.getLeastSignificantBits();
    }
}
