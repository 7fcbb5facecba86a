package dev.shoal.worker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Marks a directory the worker made as a "top directory" for ext4's inode allocator ({@code chattr
 * +T}): the directories made in it are then spread over the disk's block groups, as those made at
 * the root of the file system are, instead of being packed next to it.
 *
 * <p>Why: on ext4 without a journal, creating a file costs a scan past every inode freed in the
 * last one to six minutes in its directory's group (60 s, or 360 s while the inode table block is
 * not yet written back). A worker's directory made next to run directories that were just deleted
 * (a benchmark, a workflow run again) inherits that group, and each of thousands of small cache
 * files then costs up to a millisecond of system time; in a group of its own the same file costs
 * microseconds (docs/adr/0011). Where the attribute means nothing (not ext4, no {@code chattr}, no
 * permission) nothing happens: it is a placement hint, never a reason to fail.
 *
 * <p>Asynchronous, so that its process start overlaps the worker's other start-up work: {@link
 * #start} launches {@code chattr}, {@link #await} waits for it before the first directory is made
 * in one of the directories. Used by one thread.
 */
public final class TopDir {
  private static final long WAIT_MS = 2000;

  private final List<Path> dirs;
  private final Process process; // null when chattr could not start
  private final Consumer<String> debug;

  private TopDir(List<Path> dirs, Process process, Consumer<String> debug) {
    this.dirs = dirs;
    this.process = process;
    this.debug = debug;
  }

  /**
   * Starts marking {@code dirs} (one process for all); never throws.
   *
   * @param debug told why a mark could not be made (a hint only: nobody needs to act)
   */
  public static TopDir start(List<Path> dirs, Consumer<String> debug) {
    List<String> cmd = new ArrayList<>(List.of("chattr", "+T"));
    dirs.forEach(d -> cmd.add(d.toString()));
    Process p = null;
    try {
      p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException | RuntimeException e) {
      debug.accept("cannot run chattr +T " + dirs + " (placement hint only): " + e.getMessage());
    }
    return new TopDir(dirs, p, debug);
  }

  /** Waits (at most 2 s) for the marks; true if every directory got its mark. Never throws. */
  public boolean await() {
    if (process == null) {
      return false;
    }
    try {
      if (!process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        debug.accept("chattr +T " + dirs + " did not end in " + WAIT_MS + " ms: killed");
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return false;
    }
    boolean ok = process.exitValue() == 0;
    if (!ok) {
      debug.accept("chattr +T " + dirs + " failed (not ext4?): placement hint only");
    }
    return ok;
  }
}
