package io.ibasho.registration.lottery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The public promise made when applications open: SHA-256 of the 32 raw seed bytes, in lower-case hex.
 *
 * <p>Publishing it before anyone applies fixes the seed: at the draw, anyone can hash the revealed seed
 * and compare. A different seed (one picked after seeing who applied) would not match.
 */
public record SeedCommitment(String sha256Hex) {

    public SeedCommitment {
        sha256Hex = Hex.requireHex(sha256Hex, 32, "a commitment");
    }

    public static SeedCommitment of(LotterySeed seed) {
        return new SeedCommitment(Hex.of(sha256(seed.bytes())));
    }

    /** Whether {@code seed} is the seed this commitment was made for. */
    public boolean isOpenedBy(LotterySeed seed) {
        return MessageDigest.isEqual(
                sha256Hex.getBytes(StandardCharsets.US_ASCII),
                seed.commitment().sha256Hex.getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return sha256Hex;
    }
}
