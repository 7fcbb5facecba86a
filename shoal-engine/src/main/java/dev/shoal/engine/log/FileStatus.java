package dev.shoal.engine.log;

/** A file's state as written in the transaction log. */
public enum FileStatus {
  UNKNOWN(0),
  EXPECT(1),
  EXISTS(2),
  COMPLETE(3),
  DELETE(4),
  DOWN(5),
  UP(6);

  private final int code;

  FileStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  private static final FileStatus[] BY_CODE = values();

  public static FileStatus fromCode(int code) {
    return BY_CODE[code];
  }
}
