package io.ibasho.registration.lottery;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The secret 32 random bytes that decide one draw.
 *
 * <p>It stays secret while applications are open, so that nobody (staff included) can work out
 * who would win and steer applications; it is published at the draw so that everyone can recompute
 * the order. Only its {@link SeedCommitment} is public before the draw.
 */
public final class LotterySeed {

    public static final int LENGTH_BYTES = 32;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private LotterySeed(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A fresh seed for a new session, drawn when applications open. */
    public static LotterySeed generate() {
        return generate(new SecureRandom());
    }

    public static LotterySeed generate(SecureRandom random) {
        byte[] bytes = new byte[LENGTH_BYTES];
        random.nextBytes(bytes);
        return new LotterySeed(bytes);
    }

    /**
     * Reads a seed from the published form: exactly 64 hexadecimal characters. Upper case is
     * accepted because people may retype it; anything else is rejected rather than guessed at, since
     * a "repaired" seed would silently give a different order.
     */
    public static LotterySeed fromHex(String hex) {
        Objects.requireNonNull(hex, "seed");
        return new LotterySeed(HEX.parseHex(Hex.requireHex(hex, LENGTH_BYTES, "a seed")));
    }

    /** The published form: lower-case hex. Call this only when the seed is revealed at the draw. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    public SeedCommitment commitment() {
        return SeedCommitment.of(this);
    }

    /** A copy, so that no caller can alter the seed of a draw after the fact. */
    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LotterySeed that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Never prints the bytes: a seed in a log file before the draw would let a reader predict it. */
    @Override
    public String toString() {
        return "LotterySeed[not shown]";
    }
}
