package io.quartermaster.server.platform;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work a server node repeats on its own cadence while it runs (the heartbeat check, the task recheck, the
 * credential caches' revocation checks): a virtual thread that sleeps {@code every} on the wall clock —
 * business time comes from the injected clock inside the work — then runs it; a failed round is logged
 * and the next one comes as usual.
 */
public abstract class PeriodicWork implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicWork.class);

    private final String name;
    private final Duration every;
    private volatile boolean running;
    private Thread loop;

    protected PeriodicWork(String name, Duration every) {
        this.name = name;
        this.every = every;
    }

    /** One round of the work. */
    protected abstract void runOnce();

    @Override
    public void start() {
        running = true;
        loop = Thread.ofVirtual().name(name).start(() -> {
            while (running) {
                try {
                    Thread.sleep(every.toMillis());
                    runOnce();
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    log.warn("{} failed: {}", name, e.getMessage());
                }
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
