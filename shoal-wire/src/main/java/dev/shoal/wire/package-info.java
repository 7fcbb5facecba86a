/**
 * The Work Queue wire protocol: {@link dev.shoal.wire.Message} (a sealed type of records, one per
 * message kind and direction), {@link dev.shoal.wire.WireCodec} (the one codec, bounded), {@link
 * dev.shoal.wire.PasswordAuth} (the {@code auth password sha1} exchange), {@link
 * dev.shoal.wire.TaskStatus} and {@link dev.shoal.wire.FileFlag}.
 *
 * <p>Facts established against the real worker (Debian cctools 8.0.0, protocol 9; transcripts in
 * {@code src/test/resources/captured}):
 *
 * <ul>
 *   <li>Connection order: optional password exchange, then the worker speaks first, without
 *       waiting: {@code workqueue 9 vm Linux x86_64 8.0.0}, {@code info worker-id worker-<32 hex>},
 *       {@code feature <urlenc>} per {@code --feature}, {@code alive}, {@code resource
 *       workers|disk|memory|gpus|cores <total> <smallest> <largest>} (integers), {@code resource
 *       tag 0}, {@code info end_of_resource_update 0}, {@code info tasks_running 0}, {@code info
 *       worker-end-time <s or 0>}.
 *   <li>With {@code -M project} the worker finds the manager through the catalog and sends the same
 *       handshake: there is no project-name line exchange in protocol 9.
 *   <li>{@code check} is answered by {@code alive} and {@code info tasks_running N}. {@code put}
 *       gets no reply.
 *   <li>After {@code task … end} the worker sends {@code info tasks_running 1}; when the task ends,
 *       {@code available_results}. {@code send_results -1} is answered by {@code result …} + stdout
 *       (stderr merged into it), {@code info tasks_running 0} and {@code end}; with nothing to
 *       report, just {@code end}.
 *   <li>A task whose output is missing still reports status 0 with its exit code; {@code get} then
 *       answers {@code missing <name> 2}. A killed task reports nothing.
 *   <li>A task asking more than the worker has is returned as {@code result 40 0 0 0 <id>}
 *       (FORSAKEN), preceded by a fresh {@code alive} + resource block whose {@code resource tag}
 *       is the task id.
 *   <li>Recursive {@code get}: {@code dir <name> 0}, entries named by full path, nested {@code
 *       dir}s, one final {@code end}. Recursive put: {@code dir}, entries relative to it, one
 *       {@code end} per {@code dir}; no reply.
 *   <li>A WATCH (16) output produced no {@code update} line during a 3 s task.
 *   <li>An unknown verb, or a cache name the worker cannot link, makes the worker hang up.
 *   <li>{@code cmd <n>} and {@code env <n>} bodies followed by an extra {@code \n} are accepted (a
 *       blank line inside a task is ignored).
 * </ul>
 *
 * <p>Threading: the types are immutable; a codec serves one connection from at most one reader and
 * one writer thread.
 */
package dev.shoal.wire;
