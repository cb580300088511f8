package io.lvsdirector.health;

import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate made by the JDK's keytool (Netty's generator needs BouncyCastle or
 * internal JDK classes, neither of which is available here).
 */
final class TestCertificates {

    private static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    static PfxOptions selfSigned(Path dir, String dnsName) throws IOException, InterruptedException {
        Path store = dir.resolve(dnsName + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + dnsName, "-ext", "SAN=dns:" + dnsName, "-validity",
                "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass",
                PASSWORD).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(store)) {
            throw new IOException("keytool failed: " + output);
        }
        return new PfxOptions().setPath(store.toString()).setPassword(PASSWORD);
    }
}
