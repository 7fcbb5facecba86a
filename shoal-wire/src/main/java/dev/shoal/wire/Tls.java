package dev.shoal.wire;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Optional TLS for Work Queue connections, as cctools offers it: the manager presents a certificate
 * and key given as PEM files ({@code --ssl-cert}, {@code --ssl-key}); a worker started with {@code
 * --ssl} encrypts its connection but, like cctools' worker, does not verify the manager's
 * certificate (workers find managers by address or catalog, not by name). Authentication of workers
 * stays the password exchange, which runs inside the encrypted connection.
 */
public final class Tls {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private Tls() {}

  /**
   * The manager's context from a PEM certificate chain and a PEM private key (PKCS#8 {@code PRIVATE
   * KEY}, or PKCS#1 {@code RSA PRIVATE KEY}).
   *
   * @throws IOException if a file cannot be read or holds no usable certificate or key; the message
   *     names the file and what to do
   */
  public static SSLContext server(Path certPem, Path keyPem) throws IOException {
    List<Certificate> chain = certificates(certPem);
    PrivateKey key = privateKey(keyPem);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] none = new char[0];
      store.setKeyEntry("shoal", key, none, chain.toArray(Certificate[]::new));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, none);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException(
          certPem
              + " and "
              + keyPem
              + ": "
              + e.getMessage()
              + " — give a matching certificate and key",
          e);
    }
  }

  /** The worker's context: encrypts, accepts the manager's certificate as cctools' worker does. */
  public static SSLContext client() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new AcceptAny()}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK offers no TLS: " + e.getMessage(), e);
    }
  }

  /**
   * The channel file bodies may be written to directly (sendfile): the socket's own, or {@code
   * null} for a TLS socket — a TLS socket layered over a channel's socket answers with the plain
   * channel underneath, and bytes written there would bypass the encryption.
   */
  public static SocketChannel rawChannel(Socket socket) {
    return socket instanceof SSLSocket ? null : socket.getChannel();
  }

  static List<Certificate> certificates(Path pem) throws IOException {
    List<Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(pem)) {
        if (b.type().equals("CERTIFICATE")) {
          out.add(cf.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(pem + ": not a PEM certificate (" + e.getMessage() + ")", e);
    }
    if (out.isEmpty()) {
      throw new IOException(
          pem + ": no '-----BEGIN CERTIFICATE-----' block — give the certificate in PEM form");
    }
    return out;
  }

  static PrivateKey privateKey(Path pem) throws IOException {
    for (Block b : blocks(pem)) {
      byte[] pkcs8 =
          switch (b.type()) {
            case "PRIVATE KEY" -> b.der();
            case "RSA PRIVATE KEY" -> Pkcs1.wrapRsa(b.der());
            default -> null;
          };
      if (pkcs8 == null) {
        continue;
      }
      for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
          // try the next algorithm
        }
      }
      throw new IOException(
          pem + ": a private key of an unsupported kind — use RSA, EC or Ed25519");
    }
    throw new IOException(
        pem
            + ": no unencrypted '-----BEGIN PRIVATE KEY-----' block — give the key in PEM form"
            + " without a passphrase (openssl pkcs8 -topk8 -nocrypt)");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path pem) throws IOException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    List<Block> out = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      try {
        out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IOException(pem + ": a PEM block of bad base64 (" + e.getMessage() + ")", e);
      }
    }
    return out;
  }

  /** Trusts any server certificate: the worker's side of cctools' TLS, which does not verify. */
  private static final class AcceptAny implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Wraps a PKCS#1 RSA key in the PKCS#8 structure the JDK reads. */
  private static final class Pkcs1 {
    private static final byte[] RSA_ALGORITHM = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };

    static byte[] wrapRsa(byte[] pkcs1) {
      byte[] octets = concat(new byte[] {0x04}, length(pkcs1.length), pkcs1);
      byte[] body = concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, octets);
      return concat(new byte[] {0x30}, length(body.length), body);
    }

    private static byte[] length(int n) {
      if (n < 0x80) {
        return new byte[] {(byte) n};
      }
      if (n < 0x100) {
        return new byte[] {(byte) 0x81, (byte) n};
      }
      if (n < 0x10000) {
        return new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
      }
      return new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
      int n = 0;
      for (byte[] p : parts) {
        n += p.length;
      }
      byte[] out = new byte[n];
      int at = 0;
      for (byte[] p : parts) {
        System.arraycopy(p, 0, out, at, p.length);
        at += p.length;
      }
      return out;
    }
  }
}
