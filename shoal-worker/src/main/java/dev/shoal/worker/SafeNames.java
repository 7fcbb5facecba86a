package dev.shoal.worker;

import java.nio.file.Path;

/**
 * The names a manager may use. A cache name is one path component; a sandbox name is a relative
 * path with no {@code ..} segment. Anything else would let a manager write or read outside the
 * worker's directory, so it is refused. Pure.
 */
final class SafeNames {
  private SafeNames() {}

  /** Null if {@code name} is a usable cache name, else why not. */
  static String cacheNameProblem(String name) {
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      return "cache name '" + name + "' is empty or a dot name";
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      return "cache name '" + name + "' contains '/' or NUL";
    }
    return null;
  }

  /** Null if {@code name} is a usable name inside a task sandbox, else why not. */
  static String sandboxNameProblem(String name) {
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      return "sandbox name '" + name + "' is empty or contains NUL";
    }
    if (name.startsWith("/")) {
      return "sandbox name '" + name + "' is absolute";
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        return "sandbox name '" + name + "' contains a '..' segment";
      }
    }
    Path p = Path.of(name).normalize();
    if (p.toString().isEmpty() || p.toString().equals(".")) {
      return "sandbox name '" + name + "' names the sandbox itself";
    }
    return null;
  }

  /** {@code name} inside {@code dir}; the name must have passed {@link #sandboxNameProblem}. */
  static Path inside(Path dir, String name) {
    Path p = dir.resolve(name).normalize();
    if (!p.startsWith(dir) || p.equals(dir)) {
      throw new IllegalArgumentException("name '" + name + "' leaves " + dir);
    }
    return p;
  }
}
