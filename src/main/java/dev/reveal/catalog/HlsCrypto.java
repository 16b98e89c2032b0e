package dev.reveal.catalog;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** HLS AES-128 as RFC 8216 §5.2 defines it: AES-128-CBC over the whole segment, PKCS7 padding, explicit IV. */
final class HlsCrypto {

    /** The stored reveal playlist names its key by this placeholder; the service fills in a signed key URI. */
    static final String KEY_URI_PLACEHOLDER = "{{KEY_URI}}";
    static final String REVEAL_TEMPLATE = "reveal.tmpl";

    private static final SecureRandom RANDOM = new SecureRandom();

    private HlsCrypto() {
    }

    static byte[] encrypt(byte[] clear, byte[] key, byte[] iv) {
        try {
            // Java's PKCS5Padding on a 16-byte block cipher is PKCS7
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(clear);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-128-CBC failed", e);
        }
    }

    static String hex(byte[] iv) {
        return "0x" + HexFormat.of().formatHex(iv);
    }

    /** 128 random bits, URL-safe: a rendition's folder name, which nobody can guess from another. */
    static String token() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
