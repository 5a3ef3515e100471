package se.lefileka.personnummer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refers to a person without naming them: a keyed hash (HMAC-SHA256) of the personnummer. The
 * same person always gets the same pseudonym, which cannot be turned back without the key.
 */
public class Pseudonyms {

    private final SecretKeySpec key;

    public Pseudonyms(String key) {
        this.key = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String of(String personnummer) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(personnummer.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
