package dev.reveal.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The HS256 key in use and where it came from. A configured secret always wins; without one, the embedded
 * default generates a random secret once into its data directory so tokens survive restarts.
 */
public record SigningKey(byte[] secret, boolean generated) {

    static final int MIN_BYTES = 32;

    public static SigningKey configured(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException("REVEAL_AUTH_HMAC_SECRET must be at least " + MIN_BYTES + " bytes for HS256");
        }
        return new SigningKey(bytes, false);
    }

    /** Reads the generated secret of a data directory, creating it on first use. */
    public static SigningKey generatedIn(Path dataDir) {
        Path file = AuthProperties.generatedSecretFile(dataDir);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                Path tmp = Files.createTempFile(dataDir, "auth-hmac-secret", ".tmp");
                setOwnerOnly(tmp);
                Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new SigningKey(Files.readString(file).trim().getBytes(StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
        }
    }

    @Override
    public String toString() {
        return "SigningKey[generated=" + generated + "]";
    }
}
