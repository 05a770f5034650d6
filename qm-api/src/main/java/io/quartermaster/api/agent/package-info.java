/**
 * The host agent protocol ({@code /agent/v1}, JSON). An agent registers once with a bootstrap token
 * and from then on authenticates with its credential ({@code Authorization: Bearer …}):
 *
 * <pre>
 * POST /agent/v1/register              {@link io.quartermaster.api.agent.RegisterRequest} → {@link io.quartermaster.api.agent.Registration}
 * GET  /agent/v1/tasks?wait=PT5M&amp;max=20  long-poll → {@link io.quartermaster.api.agent.TaskBatch}
 * POST /agent/v1/tasks/{id}/complete     {@link io.quartermaster.api.agent.TaskCompletion} → 204, or 200 {@link io.quartermaster.api.agent.TaskBatch} with {@code takeNext}
 * POST /agent/v1/tasks/completions      {@link io.quartermaster.api.agent.TaskCompletions} → 200 {@link io.quartermaster.api.agent.TaskCompletionsAnswer}
 * POST /agent/v1/tasks/{id}/fail         {@link io.quartermaster.api.agent.TaskFailure} → 204
 * POST /agent/v1/tasks/{id}/extend       {@link io.quartermaster.api.agent.TaskLeaseExtension} → {@link io.quartermaster.api.agent.TaskLease}
 * POST /agent/v1/hosts/{id}/inventory    {@link io.quartermaster.api.agent.InventoryReport} → {@link io.quartermaster.api.agent.InventoryAck}
 * </pre>
 *
 * A task's lease ({@code leaseUntil}) lasts the server's task lock; an agent still running the task
 * extends it ({@code extend}, 200 with the new {@code leaseUntil}, so the agent knows when to ask again)
 * rather than have it delivered a second time while the first delivery still runs.
 *
 * <p>A result usually moves the machine's workflow on to its next host step. A completion that says how many
 * tasks the agent can take ({@code takeNext}) gets the tasks that result queued for the agent's hosts in its
 * answer, already leased, instead of the agent fetching them with another poll; without it, or when nothing
 * was queued, the agent's next poll brings them. Several results ready together go in one call
 * ({@code completions}), recorded in one transaction, each on its own; the answer gives each one's outcome as
 * its single call would have answered it.
 *
 * <p>A host's primary agent stays primary while the server hears from it: its inventory reports, and its long
 * poll while it waits on a server node. So a primary's report answer asks for a report only when its inventory
 * changed or {@code reportWithinMillis} passed (see {@link io.quartermaster.api.agent.InventoryAck}); a backup
 * reports every interval, as that is how it takes a host whose primary went silent over.
 *
 * <p>Errors are {@code application/problem+json} with a {@code reason}: {@code StaleTask} (409) for a
 * result or an extension of an attempt or epoch that is no longer current, {@code NotFound} (404) for a
 * task or host that is not this agent's, {@code InvalidCredential} (401) for an unknown or revoked
 * credential, {@code InvalidBootstrapToken} (401) for a bootstrap token that is unknown, used or expired.
 */
package io.quartermaster.api.agent;
