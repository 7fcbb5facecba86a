package dev.shoal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordAuthTest {
  private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
  private static final String OUR_KEY =
      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void response_capturedWorkerAnswer_matchesSha1OfPasswordSpaceKey() {
    // The real worker answered our key with this hash (auth-ok-proto9.txt).
    assertEquals(
        "bcc2bb1f2351acd4d46de578235b89dfc1f72c6f", PasswordAuth.response(SECRET, OUR_KEY));
    assertTrue(
        PasswordAuth.responseMatches(SECRET, OUR_KEY, "bcc2bb1f2351acd4d46de578235b89dfc1f72c6f"));
    assertFalse(
        PasswordAuth.responseMatches(SECRET, OUR_KEY, "bcc2bb1f2351acd4d46de578235b89dfc1f72c6e"));
  }

  @Test
  void authenticate_capturedWorkerRightPassword_sendsTheAcceptedLines() throws Exception {
    Transcript t = Transcript.load("auth-ok-proto9.txt");
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    WireCodec codec = new WireCodec(new ByteArrayInputStream(t.fromWorker()), sent);

    PasswordAuth.Outcome outcome = new PasswordAuth(SECRET, () -> OUR_KEY).authenticate(codec);

    assertTrue(outcome.ok());
    assertEquals(new String(t.fromManager(), StandardCharsets.UTF_8), sent.toString("UTF-8"));
    assertEquals(
        new WorkerMessage.Hello(9, "vm", "Linux", "x86_64", "8.0.0"), codec.readFromWorker());
  }

  @Test
  void authenticate_capturedWorkerWrongPassword_bothSidesFail() throws Exception {
    Transcript t = Transcript.load("auth-wrong-password-proto9.txt");
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    WireCodec codec = new WireCodec(new ByteArrayInputStream(t.fromWorker()), sent);
    byte[] wrong = "wrong".getBytes(StandardCharsets.UTF_8);

    PasswordAuth.Outcome outcome = new PasswordAuth(wrong, () -> OUR_KEY).authenticate(codec);

    assertEquals(new PasswordAuth.Outcome(false, false), outcome);
    assertEquals(new String(t.fromManager(), StandardCharsets.UTF_8), sent.toString("UTF-8"));
  }

  @Test
  void authenticate_twoPeersSamePassword_bothOk() throws Exception {
    var outcomes = runPair("pw", "pw");
    assertTrue(outcomes[0].ok());
    assertTrue(outcomes[1].ok());
  }

  @Test
  void authenticate_twoPeersDifferentPasswords_bothRefuse() throws Exception {
    var outcomes = runPair("pw", "other");
    assertEquals(new PasswordAuth.Outcome(false, false), outcomes[0]);
    assertEquals(new PasswordAuth.Outcome(false, false), outcomes[1]);
  }

  @Test
  void authenticate_peerSendsHandshakeInstead_throwsProtocolException() {
    WireCodec codec =
        new WireCodec(
            new ByteArrayInputStream(
                "workqueue 9 vm Linux x86_64 8.0.0\n".getBytes(StandardCharsets.UTF_8)),
            new ByteArrayOutputStream());
    PasswordAuth auth = new PasswordAuth(SECRET, new SplittableRandom(1));

    ProtocolException e = assertThrows(ProtocolException.class, () -> auth.authenticate(codec));
    assertEquals("workqueue 9 vm Linux x86_64 8.0.0", e.offending());
  }

  @Test
  void newKey_seededRandom_is64AlphanumericCharacters() {
    String key = new PasswordAuth(SECRET, new SplittableRandom(42)).newKey();
    assertEquals(PasswordAuth.KEY_LENGTH, key.length());
    assertTrue(key.matches("[A-Za-z0-9]{64}"));
    assertEquals(key, new PasswordAuth(SECRET, new SplittableRandom(42)).newKey());
  }

  private static PasswordAuth.Outcome[] runPair(String a, String b) throws Exception {
    PipedOutputStream aOut = new PipedOutputStream();
    PipedInputStream bIn = new PipedInputStream(aOut, 1 << 16);
    PipedOutputStream bOut = new PipedOutputStream();
    PipedInputStream aIn = new PipedInputStream(bOut, 1 << 16);
    WireCodec ca = new WireCodec(aIn, aOut);
    WireCodec cb = new WireCodec(bIn, bOut);
    PasswordAuth pa = new PasswordAuth(a.getBytes(StandardCharsets.UTF_8), new SplittableRandom(1));
    PasswordAuth pb = new PasswordAuth(b.getBytes(StandardCharsets.UTF_8), new SplittableRandom(2));
    CompletableFuture<PasswordAuth.Outcome> fb =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return pb.authenticate(cb);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    PasswordAuth.Outcome oa = pa.authenticate(ca);
    return new PasswordAuth.Outcome[] {oa, fb.get(10, TimeUnit.SECONDS)};
  }
}
