package dev.shoal.wire;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The flags of a task file: the known bits as a set, plus any bits this codec does not name (kept
 * so that a message read and written again is byte-identical).
 */
public record FileFlags(Set<FileFlag> flags, int otherBits) {
  /** No flags: a non-cached file. */
  public static final FileFlags NONE = new FileFlags(EnumSet.noneOf(FileFlag.class), 0);

  public FileFlags {
    EnumSet<FileFlag> copy = EnumSet.noneOf(FileFlag.class);
    copy.addAll(flags);
    flags = Collections.unmodifiableSet(copy);
    for (FileFlag f : FileFlag.values()) {
      if ((otherBits & f.bit()) != 0) {
        throw new IllegalArgumentException("otherBits must not contain named flag " + f);
      }
    }
    if (otherBits < 0) {
      throw new IllegalArgumentException("otherBits must be >= 0, got " + otherBits);
    }
  }

  /** Just these flags. */
  public static FileFlags of(FileFlag... flags) {
    EnumSet<FileFlag> set = EnumSet.noneOf(FileFlag.class);
    Collections.addAll(set, flags);
    return new FileFlags(set, 0);
  }

  /** Splits a wire value into named flags and other bits. */
  public static FileFlags ofBits(int bits) {
    if (bits < 0) {
      throw new IllegalArgumentException("flag bits must be >= 0, got " + bits);
    }
    EnumSet<FileFlag> set = EnumSet.noneOf(FileFlag.class);
    int rest = bits;
    for (FileFlag f : FileFlag.values()) {
      if ((bits & f.bit()) != 0) {
        set.add(f);
        rest &= ~f.bit();
      }
    }
    return new FileFlags(set, rest);
  }

  /** The wire value. */
  public int bits() {
    int bits = otherBits;
    for (FileFlag f : flags) {
      bits |= f.bit();
    }
    return bits;
  }

  public boolean has(FileFlag flag) {
    return flags.contains(flag);
  }
}
