package dev.seqtrain.store;

import dev.seqtrain.errors.SpecException;
import dev.seqtrain.job.OutputSpec;
import org.apache.hadoop.fs.Path;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The HMAC-SHA256 key that signs a model directory's manifest ({@code output.signing_key}). The spec holds only a
 * reference, {@code env:NAME} or {@code file:PATH} (any Hadoop path), never the key: a job spec is copied into every
 * model directory as job.yaml.
 */
public final class SigningKey {
    static final String PREFIX = "hmac-sha256:";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private SigningKey(byte[] key) {
        this.key = key;
    }

    /**
     * The key a reference points at; null for a null reference (no signing).
     *
     * @throws SpecException naming {@code output.signing_key} when the variable is unset or the file unreadable/empty
     */
    public static SigningKey resolve(String reference, HadoopFiles files) {
        if (reference == null) return null;
        if (!OutputSpec.isKeyReference(reference)) {
            throw new SpecException("output.signing_key: must be env:NAME or file:PATH (a reference to the key, never"
                    + " the key itself), got '" + reference + "'");
        }
        String value;
        if (reference.startsWith("env:")) {
            value = System.getenv(reference.substring(4));
            if (value == null || value.isBlank()) {
                throw new SpecException("output.signing_key: the environment variable " + reference.substring(4)
                        + " is not set or empty");
            }
        } else {
            try {
                value = files.readString(new Path(reference));
            } catch (UncheckedIOException e) {
                throw new SpecException("output.signing_key: cannot read the key file " + reference + ": "
                        + e.getCause().getMessage(), e);
            }
            if (value.isBlank()) throw new SpecException("output.signing_key: the key file " + reference + " is empty");
        }
        // a trailing newline of `echo secret > key` is not part of the key
        return new SigningKey(value.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code hmac-sha256:<hex>} of {@code data}. */
    String sign(byte[] data) {
        return PREFIX + HexFormat.of().formatHex(mac(data));
    }

    /** Constant-time comparison, so a forger learns nothing from how long a refusal takes. */
    boolean verifies(byte[] data, String signature) {
        return signature != null && MessageDigest.isEqual(sign(data).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private byte[] mac(byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
