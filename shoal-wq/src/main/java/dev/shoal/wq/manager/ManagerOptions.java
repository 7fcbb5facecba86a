package dev.shoal.wq.manager;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
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
    return edit(e -> e.port = p);
  }

  public ManagerOptions withPortFile(Path f) {
    return edit(e -> e.portFile = f);
  }

  public ManagerOptions withProject(String name, String catalog) {
    return edit(
        e -> {
          e.projectName = name;
          e.catalogHosts = catalog;
        });
  }

  public ManagerOptions withPassword(byte[] p) {
    return edit(e -> e.password = p);
  }

  public ManagerOptions withKeepalive(Duration interval, Duration timeout) {
    return edit(
        e -> {
          e.keepaliveInterval = interval;
          e.keepaliveTimeout = timeout;
        });
  }

  public ManagerOptions withFastAbort(double multiplier) {
    return edit(e -> e.fastAbortMultiplier = multiplier);
  }

  public ManagerOptions withCacheMode(CacheMode mode) {
    return edit(e -> e.cacheMode = mode);
  }

  public ManagerOptions withMeasureUsage(boolean m) {
    return edit(e -> e.measureUsage = m);
  }

  public ManagerOptions withTls(SSLContext t) {
    return edit(e -> e.tls = t);
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

  /**
   * A copy with {@code change} applied: the one place besides the record that lists every field.
   */
  private ManagerOptions edit(Consumer<Edit> change) {
    Edit e = new Edit(this);
    change.accept(e);
    return e.build();
  }

  /** The fields of a copy being made. */
  private static final class Edit {
    int port;
    Path portFile;
    String projectName;
    byte[] password;
    String catalogHosts;
    Duration keepaliveInterval;
    Duration keepaliveTimeout;
    double fastAbortMultiplier;
    CacheMode cacheMode;
    boolean measureUsage;
    SSLContext tls;

    Edit(ManagerOptions o) {
      port = o.port;
      portFile = o.portFile;
      projectName = o.projectName;
      password = o.password;
      catalogHosts = o.catalogHosts;
      keepaliveInterval = o.keepaliveInterval;
      keepaliveTimeout = o.keepaliveTimeout;
      fastAbortMultiplier = o.fastAbortMultiplier;
      cacheMode = o.cacheMode;
      measureUsage = o.measureUsage;
      tls = o.tls;
    }

    ManagerOptions build() {
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
          tls);
    }
  }
}
