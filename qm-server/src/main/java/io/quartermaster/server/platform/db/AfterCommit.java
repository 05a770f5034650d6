package io.quartermaster.server.platform.db;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Work that must wait for the current transaction to commit: waking a poll, forgetting a credential, deleting a file. */
public final class AfterCommit {

    private AfterCommit() {}

    /** Runs the action once the current transaction has committed (not at all if it rolls back); at once without one. */
    public static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
