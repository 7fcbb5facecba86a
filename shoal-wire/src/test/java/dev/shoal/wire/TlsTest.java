package dev.shoal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTest {
  @TempDir static Path tmp;
  static Path cert;
  static Path key;

  /** A self-signed certificate made by the JDK's keytool, written out as PEM files. */
  @BeforeAll
  static void makeCertificate() throws Exception {
    Path store = tmp.resolve("ks.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-alias",
                "m",
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "secret",
                "-keypass",
                "secret")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(store)) {
      ks.load(in, "secret".toCharArray());
    }
    Key k = ks.getKey("m", "secret".toCharArray());
    Certificate c = ks.getCertificate("m");
    cert = Files.writeString(tmp.resolve("cert.pem"), pem("CERTIFICATE", c.getEncoded()));
    key = Files.writeString(tmp.resolve("key.pem"), pem("PRIVATE KEY", k.getEncoded()));
  }

  @Test
  void serverAndClient_exchangeLinesEncrypted() throws Exception {
    try (SSLServerSocket server =
        (SSLServerSocket)
            Tls.server(cert, key)
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> got =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = server.accept();
                    var r =
                        new BufferedReader(
                            new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
                  String line = r.readLine();
                  s.getOutputStream()
                      .write(("echo " + line + "\n").getBytes(StandardCharsets.UTF_8));
                  s.getOutputStream().flush();
                  return line;
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      try (SSLSocket s =
          (SSLSocket)
              Tls.client()
                  .getSocketFactory()
                  .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        OutputStream o = s.getOutputStream();
        o.write("workqueue 11 h Linux x86_64 shoal\n".getBytes(StandardCharsets.UTF_8));
        o.flush();
        var r =
            new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("echo workqueue 11 h Linux x86_64 shoal", r.readLine());
        assertTrue(s.getSession().getProtocol().startsWith("TLS"), s.getSession().getProtocol());
      }
      assertEquals("workqueue 11 h Linux x86_64 shoal", got.get(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void pkcs1RsaKey_isRead() throws Exception {
    // PKCS#8 of RSA = SEQ { version, algorithm, OCTET STRING { PKCS#1 } }: take the inner key out
    // and check that wrapping it again gives a usable key.
    byte[] pkcs8 = Base64.getMimeDecoder().decode(body(Files.readString(key)));
    byte[] pkcs1 = innerOctets(pkcs8);
    Path rsa = Files.writeString(tmp.resolve("rsa.pem"), pem("RSA PRIVATE KEY", pkcs1));
    assertEquals("RSA", Tls.privateKey(rsa).getAlgorithm());
    assertTrue(Tls.server(cert, rsa) != null);
  }

  @Test
  void badFiles_nameTheFileAndTheRemedy() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.pem"), "not a pem\n");
    IOException e = assertThrows(IOException.class, () -> Tls.server(junk, key));
    assertTrue(
        e.getMessage().contains("junk.pem") && e.getMessage().contains("PEM"), e.getMessage());
    e = assertThrows(IOException.class, () -> Tls.server(cert, junk));
    assertTrue(e.getMessage().contains("without a passphrase"), e.getMessage());
    e = assertThrows(IOException.class, () -> Tls.server(cert, cert));
    assertTrue(e.getMessage().contains("cert.pem"), e.getMessage());
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static String body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "");
  }

  /** The contents of the last OCTET STRING at the top level of a DER SEQUENCE. */
  private static byte[] innerOctets(byte[] der) {
    int at = 1 + lengthBytes(der, 1);
    byte[] last = null;
    while (at < der.length) {
      int tag = der[at] & 0xff;
      int len = lengthValue(der, at + 1);
      int start = at + 1 + lengthBytes(der, at + 1);
      if (tag == 0x04) {
        last = java.util.Arrays.copyOfRange(der, start, start + len);
      }
      at = start + len;
    }
    return last;
  }

  private static int lengthBytes(byte[] der, int at) {
    int b = der[at] & 0xff;
    return b < 0x80 ? 1 : 1 + (b & 0x7f);
  }

  private static int lengthValue(byte[] der, int at) {
    int b = der[at] & 0xff;
    if (b < 0x80) {
      return b;
    }
    int n = 0;
    for (int i = 1; i <= (b & 0x7f); i++) {
      n = (n << 8) | (der[at + i] & 0xff);
    }
    return n;
  }
}
