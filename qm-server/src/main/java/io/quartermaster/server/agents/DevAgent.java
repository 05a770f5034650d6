package io.quartermaster.server.agents;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Dev mode's stand-in for host agents: every task of every host succeeds after {@code qm.dev-agent.step-delay}.
 * It answers through {@link AgentTaskService} exactly as a real agent's results arrive, so the
 * lifecycle runs end to end with nothing else installed. Never enabled in production.
 *
 * <p>It lives and dies with the server, so it holds a task only as long as answering takes (the step
 * delay and {@value #LEASE_MARGIN_SECONDS} s more): after a crash, the tasks it held are delivered again
 * within seconds of the restart instead of waiting out a long lease nobody will ever answer.
 */
@Component
@ConditionalOnProperty(name = "qm.dev-agent.enabled", havingValue = "true")
class DevAgent implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DevAgent.class);
    private static final long LEASE_MARGIN_SECONDS = 10;

    private final AgentTaskService tasks;
    private final Duration stepDelay;
    private final Duration leaseFor;
    private volatile boolean running;
    private Thread loop;

    DevAgent(AgentTaskService tasks, @Value("${qm.dev-agent.step-delay:PT1S}") Duration stepDelay) {
        this.tasks = tasks;
        this.stepDelay = stepDelay;
        this.leaseFor = stepDelay.plusSeconds(LEASE_MARGIN_SECONDS);
    }

    @Override
    public void start() {
        running = true;
        loop = Thread.ofVirtual().name("dev-agent").start(this::run);
        log.info("Dev agent started: host steps succeed after {}", stepDelay);
    }

    private void run() {
        while (running) {
            try {
                List<AgentTask> work = tasks.lease(tasks.hostsWithOpenTasks(), "dev-agent", 50, leaseFor);
                if (work.isEmpty()) {
                    Thread.sleep(200); // polling interval of an idle stand-in agent, not a wait for time to pass
                    continue;
                }
                Thread.sleep(stepDelay.toMillis());
                for (AgentTask task : work) {
                    try {
                        tasks.complete(task.id(), task.attempt(), Map.of("agent", "dev-agent"));
                    } catch (RuntimeException failure) {
                        log.warn("Dev agent could not report {} of machine {}: {}", task.step(), task.machineId(),
                                failure.getMessage());
                    }
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                log.warn("Dev agent: {}", failure.getMessage());
            }
        }
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
