package dev.shoal.engine.run;

import dev.shoal.engine.log.FileStatus;
import dev.shoal.engine.log.NodeStatus;

/** What the transaction log says of an earlier run: the last state of each rule and file. */
public interface PriorRun {

  /** The last status logged for {@code rule}, or null when it never appears. */
  NodeStatus status(int rule);

  /** The job id last logged for {@code rule}, or null. */
  String jobId(int rule);

  /** The last status logged for {@code file}, or null. */
  FileStatus fileStatus(String file);

  /** When {@code file} was last logged as existing, Unix microseconds, or -1. */
  long createdAt(String file);

  /** A log with nothing in it: a first run. */
  PriorRun NONE =
      new PriorRun() {
        @Override
        public NodeStatus status(int rule) {
          return null;
        }

        @Override
        public String jobId(int rule) {
          return null;
        }

        @Override
        public FileStatus fileStatus(String file) {
          return null;
        }

        @Override
        public long createdAt(String file) {
          return -1;
        }
      };
}
