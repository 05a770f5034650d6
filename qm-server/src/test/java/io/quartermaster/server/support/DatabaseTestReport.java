package io.quartermaster.server.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of each test run, how many database tests ran on which database, so a build log
 * shows that the PostgreSQL tests really ran (and were not silently skipped).
 */
public class DatabaseTestReport implements TestExecutionListener {

    private static final TestTag DATABASE = TestTag.create("database");

    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    /** Dynamic tests carry no tags of their own: the tag sits on the class they run in. */
    private boolean isDatabaseTest(TestIdentifier test) {
        for (TestIdentifier node = test; node != null; node = plan.getParent(node).orElse(null)) {
            if (node.getTags().contains(DATABASE)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (isDatabaseTest(test)) {
            skipped.incrementAndGet();
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest() || !isDatabaseTest(test)) {
            return;
        }
        if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
            passed.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        int total = passed.get() + failed.get() + skipped.get();
        if (total > 0) {
            String database = TestDatabase.isPostgres() ? "PostgreSQL" : "H2";
            System.out.printf("[qm] database tests on %s: %d ran (%d succeeded, %d did not), %d skipped%n",
                    database, passed.get() + failed.get(), passed.get(), failed.get(), skipped.get());
        }
    }
}
