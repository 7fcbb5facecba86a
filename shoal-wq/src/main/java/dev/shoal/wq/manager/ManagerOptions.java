package dev.shoal.wq.manager;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a Work Queue manager runs. Immutable; {@link #defaults()} gives makeflow's defaults.
 *
 * @param port the port to listen on, 0 for any free one
 * @param portFile where to write the port once listening, or {@code null}
 * @param projectName the project name (answers {@code name}, advertised to the catalog), or {@code
 *     null}
 * @param password the shared password bytes (workers must prove them), or {@code null}
 * @param catalogHosts {@code host[:port]} list to advertise to, or {@code null} for {@code
 *     CATALOG_HOST}; used only with a project name
 * @param keepaliveInterval a worker silent this long is sent {@code check}
 * @param keepaliveTimeout a worker that does not answer a {@code check} within this is removed
 * @param fastAbortMultiplier a task running longer than this times its category's average is moved
 *     to another worker; 0 or less: off
 * @param cacheMode whether inputs stay in the worker caches
 * @param measureUsage ask workers for {@code .shoal-usage.json} with each task
 * @param tls the TLS context workers connect through ({@code --ssl-cert/--ssl-key}), or {@code
 *     null} for plain TCP
 */
public record ManagerOptions(
    int port,
    Path portFile,
    String projectName,
    byte[] password,
    String catalogHosts,
    Duration keepaliveInterval,
    Duration keepaliveTimeout,
    double fastAbortMultiplier,
    CacheMode cacheMode,
    boolean measureUsage,
    SSLContext tls) {

  /** {@code --cache-mode}: what happens to inputs in the worker caches. */
  public enum CacheMode {
    /** Every input is sent for each task and removed after it ({@code --disable-cache}). */
    NEVER,
    /** Inputs are sent once per worker and kept while it is connected (default). */
    WORKFLOW,
    /** As {@link #WORKFLOW}; the worker's own cache policy decides what outlives the run. */
    FOREVER
  }

  public ManagerOptions {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not in 0..65535");
    }
    Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
    Objects.requireNonNull(keepaliveTimeout, "keepaliveTimeout");
    Objects.requireNonNull(cacheMode, "cacheMode");
    password = password == null ? null : password.clone();
  }

  /** makeflow's defaults: port 9123, keepalive every 120 s with 30 s to answer, caching on. */
  public static ManagerOptions defaults() {
    return new ManagerOptions(
        9123,
        null,
        null,
        null,
        null,
        Duration.ofSeconds(120),
        Duration.ofSeconds(30),
        0,
        CacheMode.WORKFLOW,
        false,
        null);
  }

  public ManagerOptions withPort(int p) {
    return new ManagerOptions(
        p,
        portFile,
        projectName,
        password,
        catalogHosts,
        keepaliveInterval,
        keepaliveTimeout,
        fastAbortMultiplier,
        cacheMode,
        measureUsage,
        tls);
  }

  public ManagerOptions withPortFile(Path f) {
    return new ManagerOptions(
        port,
        f,
        projectName,
        password,
        catalogHosts,
        keepaliveInterval,
        keepaliveTimeout,
        fastAbortMultiplier,
        cacheMode,
        measureUsage,
        tls);
  }

  public ManagerOptions withProject(String name, String catalog) {
    return new ManagerOptions(
        port,
        portFile,
        name,
        password,
        catalog,
        keepaliveInterval,
        keepaliveTimeout,
        fastAbortMultiplier,
        cacheMode,
        measureUsage,
        tls);
  }

  public ManagerOptions withPassword(byte[] p) {
    return new ManagerOptions(
        port,
        portFile,
        projectName,
        p,
        catalogHosts,
        keepaliveInterval,
        keepaliveTimeout,
        fastAbortMultiplier,
        cacheMode,
        measureUsage,
        tls);
  }

  public ManagerOptions withKeepalive(Duration interval, Duration timeout) {
    return new ManagerOptions(
        port,
        portFile,
        projectName,
        password,
        catalogHosts,
        interval,
        timeout,
        fastAbortMultiplier,
        cacheMode,
        measureUsage,
        tls);
  }

  public ManagerOptions withFastAbort(double multiplier) {
    return new ManagerOptions(
        port,
        portFile,
        projectName,
        password,
        catalogHosts,
        keepaliveInterval,
        keepaliveTimeout,
        multiplier,
        cacheMode,
        measureUsage,
        tls);
  }

  public ManagerOptions withCacheMode(CacheMode mode) {
    return new ManagerOptions(
        port,
        portFile,
        projectName,
        password,
        catalogHosts,
        keepaliveInterval,
        keepaliveTimeout,
        fastAbortMultiplier,
        mode,
        measureUsage,
        tls);
  }

  public ManagerOptions withMeasureUsage(boolean m) {
    return new ManagerOptions(
        port,
        portFile,
        projectName,
        password,
        catalogHosts,
        keepaliveInterval,
        keepaliveTimeout,
        fastAbortMultiplier,
        cacheMode,
        m,
        tls);
  }

  public ManagerOptions withTls(SSLContext t) {
    return new ManagerOptions(
        port,
        portFile,
        projectName,
        password,
        catalogHosts,
        keepaliveInterval,
        keepaliveTimeout,
        fastAbortMultiplier,
        cacheMode,
        measureUsage,
        t);
  }

  @Override
  public byte[] password() {
    return password == null ? null : password.clone();
  }

  @Override
  public String toString() {
    return "ManagerOptions[port="
        + port
        + ", project="
        + projectName
        + ", password="
        + (password == null ? "none" : "set")
        + ", keepalive="
        + keepaliveInterval
        + "/"
        + keepaliveTimeout
        + ", fastAbort="
        + fastAbortMultiplier
        + ", cache="
        + cacheMode
        + ", measure="
        + measureUsage
        + "]";
  }
}
