package dev.shoal.wq.manager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of files in a worker's cache, in cctools' style {@code file-<id>-<md5>-<basename>}: id 0
 * for a cached input (shared by every task on the worker), a unique number otherwise. The digest
 * covers the path, size and modification time, so a file changed between two tasks gets a new entry
 * instead of a stale one. The basename is reduced to {@code [A-Za-z0-9._-]} (others become {@code
 * _}): the digest keeps names unique, and a name needing no encoding reads the same in every line
 * of the protocol. Pure.
 */
final class CacheNames {
  private CacheNames() {}

  /** The name of an input file or directory. */
  static String input(long id, String absolutePath, long size, long modifiedMillis) {
    return "file-"
        + id
        + "-"
        + md5(absolutePath + "\0" + size + "\0" + modifiedMillis)
        + "-"
        + base(absolutePath);
  }

  /** The name of an output of the task sent as {@code wireId}. */
  static String output(long wireId, String dagName) {
    return "file-" + wireId + "-" + md5(dagName) + "-" + base(dagName);
  }

  static String base(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    String name = p.substring(p.lastIndexOf('/') + 1);
    StringBuilder b = new StringBuilder(Math.min(name.length(), 64));
    for (int i = 0; i < name.length() && b.length() < 64; i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      b.append(ok ? c : '_');
    }
    return b.isEmpty() ? "_" : b.toString();
  }

  static String md5(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides MD5", e);
    }
  }
}
