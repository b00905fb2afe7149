package io.ibasho.gateway.recovery;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Account recovery without anyone's word (issue #18, docs/adr/0019): her recovery codes, issued after a recent sign-in
 * and stored only as hashes in her Keycloak account, each of which sets a new password once. A wrong, used or unknown
 * code and an unknown username get the same answer, so the page says nothing about who has an account.
 */
@ApplicationScoped
public class AccountRecovery {
    private static final Logger LOG = Logger.getLogger(AccountRecovery.class);

    /** What became of a recovery attempt. */
    public enum Outcome {
        RECOVERED,
        /** unknown username, or a code that is wrong or was used: one answer for all three */
        WRONG_CODE,
        /** the new password breaks the realm's policy (length 10, not the username); the code is kept */
        PASSWORD_REFUSED,
        UNAVAILABLE
    }

    public static final int MIN_PASSWORD_LENGTH = 10;

    @Inject
    KeycloakAccounts accounts;

    /** One attempt per account at a time in this replica, so that one code cannot be spent twice at once. */
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();

    @Inject
    Clock clock;

    /** Fresh codes for her account, replacing any earlier ones; only their hashes are kept. */
    public Uni<List<String>> issue(String userId) {
        List<String> codes = RecoveryCodes.generate(RecoveryCodes.COUNT);
        List<String> hashes = codes.stream().map(RecoveryCodes::hash).toList();
        return accounts.adminToken()
                .flatMap(admin -> accounts.user(admin, userId)
                        .flatMap(user -> accounts.storeCodes(admin, userId, user, hashes, offeredNow())))
                .replaceWith(codes);
    }

    /**
     * Her first codes, right after she registered: made only if she was never given any, so they are shown once (a
     * second sign-in, a reload, gets nothing). Empty when she already had codes.
     */
    public Uni<List<String>> issueFirst(String userId) {
        return accounts.adminToken()
                .flatMap(admin -> accounts.user(admin, userId).flatMap(user -> {
                    if (KeycloakAccounts.codesOffered(user)) {
                        return Uni.createFrom().item(List.<String>of());
                    }
                    List<String> codes = RecoveryCodes.generate(RecoveryCodes.COUNT);
                    List<String> hashes =
                            codes.stream().map(RecoveryCodes::hash).toList();
                    return accounts.storeCodes(admin, userId, user, hashes, offeredNow())
                            .replaceWith(codes);
                }));
    }

    private String offeredNow() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** How many unused codes she has. */
    public Uni<Integer> remaining(String userId) {
        return accounts.adminToken()
                .flatMap(admin -> accounts.user(admin, userId))
                .map(user -> KeycloakAccounts.storedCodes(user).size());
    }

    public static boolean acceptablePassword(String username, String password) {
        return password != null
                && password.codePointCount(0, password.length()) >= MIN_PASSWORD_LENGTH
                && !password.equalsIgnoreCase(username);
    }

    public Uni<Outcome> recover(String username, String code, String newPassword) {
        if (username == null || username.isBlank() || RecoveryCodes.normalise(code) == null) {
            return Uni.createFrom().item(Outcome.WRONG_CODE);
        }
        if (!acceptablePassword(username, newPassword)) {
            return Uni.createFrom().item(Outcome.PASSWORD_REFUSED);
        }
        return accounts.adminToken()
                .flatMap(admin -> accounts.userIdOf(admin, username.trim()).flatMap(found -> {
                    if (found.isEmpty() || !inProgress.add(found.get())) {
                        return Uni.createFrom().item(Outcome.WRONG_CODE);
                    }
                    String userId = found.get();
                    return spend(admin, userId, code, newPassword).eventually(() -> inProgress.remove(userId));
                }))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("account recovery failed: %s", failure.getClass().getSimpleName());
                    return Outcome.UNAVAILABLE;
                });
    }

    /** The code is struck off before the password changes: a crash in between costs her a code, never reuses one. */
    private Uni<Outcome> spend(String admin, String userId, String code, String newPassword) {
        return accounts.user(admin, userId).flatMap(user -> {
            List<String> stored = KeycloakAccounts.storedCodes(user);
            Optional<String> match = stored.stream()
                    .filter(hash -> RecoveryCodes.matches(hash, code))
                    .findFirst();
            if (match.isEmpty()) {
                return Uni.createFrom().item(Outcome.WRONG_CODE);
            }
            List<String> left = new ArrayList<>(stored);
            left.remove(match.get());
            return accounts.storeCodes(admin, userId, user, left)
                    .flatMap(ignored -> accounts.setPassword(admin, userId, newPassword))
                    .flatMap(refused -> {
                        if (refused.isPresent()) {
                            // the realm refused the password: she keeps the code for her next try
                            return accounts.user(admin, userId)
                                    .flatMap(now -> accounts.storeCodes(admin, userId, now, stored))
                                    .replaceWith(Outcome.PASSWORD_REFUSED);
                        }
                        return accounts.afterNewPassword(admin, userId).replaceWith(Outcome.RECOVERED);
                    });
        });
    }
}
