package io.ibasho.registration.lottery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The once-a-month flags, checkable by anyone without learning where anyone won (docs/lottery.md §7, "Once a month").
 * At the closing the service makes a secret salt for this draw alone and publishes, under {@code monthWins}:
 *
 * <ul>
 *   <li>{@code holders}: {@code HMAC-SHA256(salt, account)} of every account that holds a counted win in
 *       {@code winMonth}, each once, sorted;
 *   <li>{@code tokens}: the same token of each application's applicant, by application id.
 * </ul>
 *
 * A flag is true exactly when the applicant's token is among the holders; the verifier checks that for every
 * application ({@code MONTH_FLAGS}). The salt is used once in memory and never published or stored, so a token cannot
 * be computed for a known account (nobody can test whether someone applied), and tokens of one person differ from
 * draw to draw (nobody can link her applications or find where she won). The holders list shows how many accounts hold
 * a lottery win that month on Ibasho, nothing more.
 *
 * @param holders tokens of the accounts holding a win this month, sorted, lower-case hex
 * @param tokens  each application's token, sorted by canonical application id
 */
public record MonthWins(List<String> holders, Map<String, String> tokens) {

    public MonthWins {
        holders = List.copyOf(holders);
        tokens = java.util.Collections.unmodifiableMap(new TreeMap<>(tokens));
    }

    /** The tokens of this draw, from the accounts holding a win and each application's account. */
    public static MonthWins of(byte[] salt, Collection<String> holderAccounts, Map<UUID, String> accountByApplication) {
        TreeSet<String> holders = new TreeSet<>();
        holderAccounts.forEach(account -> holders.add(token(salt, account)));
        Map<String, String> tokens = new TreeMap<>();
        accountByApplication.forEach((id, account) -> tokens.put(id.toString(), token(salt, account)));
        return new MonthWins(List.copyOf(holders), tokens);
    }

    static String token(byte[] salt, String account) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return Hex.of(mac.doFinal(account.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime must provide HmacSHA256", e);
        }
    }

    /** The first application (by id) whose published flag the holders contradict. */
    Optional<LotteryApplicant> contradicted(List<LotteryApplicant> applications) {
        var holding = new java.util.HashSet<>(holders);
        return applications.stream()
                .sorted(java.util.Comparator.comparing(LotteryApplicant::canonicalId))
                .filter(a -> holding.contains(tokens.get(a.canonicalId())) != a.alreadyWonThisMonth())
                .findFirst();
    }
}
