package dev.shoal.lang.make;

import dev.shoal.lang.Diagnostic;
import dev.shoal.lang.WorkflowException;
import dev.shoal.lang.model.Workflow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a workflow written in the Makeflow (Make-like) language into an immutable {@link Workflow}.
 *
 * <p>Variables are expanded while reading, with the values visible at each line; the environment
 * given is the last place a variable is looked up. Every problem in the file is reported, each as
 * {@code file:line: what is wrong — what to do}, in one {@link WorkflowException}. The result is
 * not checked for cycles or missing inputs: see {@link dev.shoal.lang.WorkflowChecker}.
 *
 * <p>Stateless and thread-safe; each call parses independently.
 */
public final class MakeflowParser {
  private MakeflowParser() {}

  /**
   * Parses a Makeflow file (UTF-8).
   *
   * @param file the file to read
   * @param displayName how diagnostics name the file, usually as the user typed it; it is also the
   *     workflow's {@link Workflow#file()}
   * @param environment the process environment, the last variable scope
   * @throws WorkflowException when the file cannot be read or has errors, with every problem
   */
  public static Workflow parse(Path file, String displayName, Map<String, String> environment)
      throws WorkflowException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, Path.of(displayName), displayName, environment);
    } catch (NoSuchFileException e) {
      throw new WorkflowException(
          List.of(
              new Diagnostic(
                  displayName, 0, "file does not exist — check the name and working directory")));
    } catch (IOException e) {
      throw new WorkflowException(
          List.of(new Diagnostic(displayName, 0, "cannot read the file: " + e + " — check it")));
    }
  }

  /**
   * Parses Makeflow text; the workflow's {@link Workflow#file()} is {@code displayName}.
   *
   * @throws WorkflowException with every problem found
   */
  public static Workflow parse(String text, String displayName, Map<String, String> environment)
      throws WorkflowException {
    try {
      return parse(new StringReader(text), displayName, environment);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string cannot fail", e);
    }
  }

  /**
   * Parses Makeflow text from {@code reader}, which is read to its end and not closed.
   *
   * @throws IOException when the reader fails
   * @throws WorkflowException with every problem found
   */
  public static Workflow parse(Reader reader, String displayName, Map<String, String> environment)
      throws IOException, WorkflowException {
    BufferedReader in =
        reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
    return parse(in, Path.of(displayName), displayName, environment);
  }

  private static Workflow parse(
      BufferedReader in, Path file, String displayName, Map<String, String> environment)
      throws IOException, WorkflowException {
    return new MakeParser(displayName, environment).parse(new LogicalLines(in), file);
  }
}
