package dev.shoal.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The symmetric {@code auth password sha1} challenge/response that precedes the handshake when a
 * password is set. Both sides run the same steps, so this class serves manager and worker alike:
 *
 * <ol>
 *   <li>send {@code auth password sha1}; read the same line from the peer;
 *   <li>send a fresh 64-character key; read the peer's key;
 *   <li>send {@code hex(SHA1(password + " " + peerKey))}; read the peer's response and compare it,
 *       in constant time, with the hash of our own key;
 *   <li>send {@code ok} or {@code failure}; read the peer's verdict.
 * </ol>
 *
 * <p>Captured from cctools 8.0.0 ({@code auth-ok-proto9.txt}): the worker sends its header and key
 * without waiting; its key is 64 printable characters that are not hex (e.g. {@code
 * ilVq_yaV_cWRTWaePYbZeRb\jWoe…}), and it accepted our lower-case hex key. A worker that rejects us
 * sends {@code failure} and closes.
 *
 * <p>Not thread-safe; use one instance per connection attempt or share it across attempts from one
 * thread.
 */
public final class PasswordAuth {
  /** The line that opens the exchange. */
  public static final String HEADER = "auth password sha1";

  /** Length of the keys we send. */
  public static final int KEY_LENGTH = 64;

  private static final String KEY_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final byte[] password;
  private final Supplier<String> keys;

  /**
   * @param password the shared password bytes, exactly as both sides hold them
   * @param random source of key characters; production code passes a {@link
   *     java.security.SecureRandom}
   */
  public PasswordAuth(byte[] password, RandomGenerator random) {
    this(password, () -> randomKey(random));
    Objects.requireNonNull(random);
  }

  PasswordAuth(byte[] password, Supplier<String> keys) {
    this.password = password.clone();
    this.keys = keys;
  }

  /** Both verdicts of one exchange. */
  public record Outcome(boolean peerKnowsPassword, boolean peerAcceptedUs) {
    /** True if both sides proved the password. */
    public boolean ok() {
      return peerKnowsPassword && peerAcceptedUs;
    }
  }

  /**
   * Runs the whole exchange on a fresh connection, before any other message.
   *
   * @return the two verdicts; the caller should close the connection unless {@link Outcome#ok()}
   * @throws ProtocolException if the peer does not speak this exchange (e.g. its first line is a
   *     handshake)
   */
  public Outcome authenticate(WireCodec codec) throws IOException {
    codec.writeLine(HEADER);
    String header = codec.readLine();
    if (!HEADER.equals(header)) {
      throw new ProtocolException(
          header, "'" + HEADER + "' (is the peer configured with a password?)");
    }
    String myKey = keys.get();
    codec.writeLine(myKey);
    String peerKey = expectLine(codec, "the peer's challenge key");
    codec.writeLine(response(password, peerKey));
    String peerResponse = expectLine(codec, "the peer's response (40 hex digits)");
    boolean peerOk = responseMatches(password, myKey, peerResponse);
    codec.writeLine(peerOk ? "ok" : "failure");
    String verdict = codec.readLine();
    if (verdict == null && !peerOk) {
      return new Outcome(false, false);
    }
    if (!"ok".equals(verdict) && !"failure".equals(verdict)) {
      throw new ProtocolException(verdict, "'ok' or 'failure'");
    }
    return new Outcome(peerOk, "ok".equals(verdict));
  }

  /** A fresh key. */
  String newKey() {
    return keys.get();
  }

  /**
   * {@code hex(SHA1(password + " " + key))}, lower case: what a side sends in answer to {@code
   * key}.
   */
  public static String response(byte[] password, String key) {
    MessageDigest sha1 = sha1();
    sha1.update(password);
    sha1.update((" " + key).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha1.digest());
  }

  /**
   * Whether {@code peerResponse} proves the password for {@code myKey}; constant time in the
   * response contents.
   */
  public static boolean responseMatches(byte[] password, String myKey, String peerResponse) {
    byte[] expected = response(password, myKey).getBytes(StandardCharsets.US_ASCII);
    byte[] got = peerResponse.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, got);
  }

  private static String expectLine(WireCodec codec, String what) throws IOException {
    String line = codec.readLine();
    if (line == null || line.isEmpty()) {
      throw new ProtocolException(line, what);
    }
    return line;
  }

  private static String randomKey(RandomGenerator random) {
    StringBuilder b = new StringBuilder(KEY_LENGTH);
    for (int i = 0; i < KEY_LENGTH; i++) {
      b.append(KEY_ALPHABET.charAt(random.nextInt(KEY_ALPHABET.length())));
    }
    return b.toString();
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-1", e);
    }
  }
}
