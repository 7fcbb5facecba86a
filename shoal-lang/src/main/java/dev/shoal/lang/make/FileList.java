package dev.shoal.lang.make;

import dev.shoal.lang.model.FileRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one side of an expanded rule header into files.
 *
 * <p>Names are separated by unquoted white space or {@code :}. Quotes group and are removed: {@code
 * "a b"} and {@code 'a b'} are one file named {@code a b}. A backslash makes the next character
 * part of the name, inside quotes too. An unquoted {@code ->} separates a file's workflow name from
 * its name in the task sandbox; any other {@code -} belongs to the name ({@code a----b}). An empty
 * quoted word ({@code ""}) names no file.
 */
final class FileList {
  private FileList() {}

  /**
   * The files named in {@code text}, in order; empty when there are none.
   *
   * @throws LineError for an unterminated quote or a {@code ->} without a name on one side
   */
  static List<FileRef> parse(String text) throws LineError {
    List<FileRef> files = new ArrayList<>(2);
    StringBuilder word = new StringBuilder();
    String local = null;
    boolean inWord = false;
    char quote = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < n) {
        word.append(text.charAt(++i));
        inWord = true;
      } else if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '>') {
        if (local != null || word.isEmpty()) {
          throw badRename(text);
        }
        local = word.toString();
        word.setLength(0);
        i++;
      } else if (c == ' ' || c == '\t' || c == ':') {
        if (inWord || local != null) {
          add(files, file(local, word, text));
        }
        local = null;
        inWord = false;
        word.setLength(0);
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw Quoting.unterminated(quote);
    }
    if (inWord || local != null) {
      add(files, file(local, word, text));
    }
    return files.size() == 1 ? List.of(files.get(0)) : List.copyOf(files);
  }

  private static void add(List<FileRef> files, FileRef file) {
    if (file != null) {
      files.add(file);
    }
  }

  /** The file for a finished word, or {@code null} for an empty quoted word such as {@code ""}. */
  private static FileRef file(String local, StringBuilder word, String text) throws LineError {
    String name = word.toString();
    if (local == null) {
      return name.isEmpty() ? null : FileRef.of(name);
    }
    if (name.isEmpty()) {
      throw badRename(text);
    }
    return new FileRef(local, name);
  }

  private static LineError badRename(String text) {
    return new LineError(
        "-> needs a file name on both sides in '"
            + text.strip()
            + "' — write local->remote, for example out.txt->result.txt");
  }
}
