package io.ibasho.notification.service;

import io.ibasho.notification.config.NotificationConfig;
import io.ibasho.notification.delivery.DestinationGuard;
import io.ibasho.notification.delivery.DestinationVerdict;
import io.ibasho.notification.delivery.HostResolver;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where webhooks may go: https only and public addresses only, except with
 * {@code ibasho.notification.webhooks.allow-private=true} (dev and test), which also allows plain http to loopback
 * and private addresses so a developer can run a receiver on her machine.
 */
@ApplicationScoped
public class WebhookDestinations {
    private final DestinationGuard guard;
    private final boolean allowPrivate;

    public WebhookDestinations(NotificationConfig config) {
        this.allowPrivate = config.webhooks().allowPrivate();
        this.guard = new DestinationGuard(HostResolver.SYSTEM, allowPrivate);
    }

    /** Blocking: may resolve the host name. */
    public DestinationVerdict check(URI url) {
        if (url == null) {
            return guard.check(null);
        }
        if (allowPrivate && "http".equalsIgnoreCase(url.getScheme())) {
            // Same host and port, judged as if it were https: the address rules still apply.
            try {
                URI asHttps =
                        new URI("https", url.getRawUserInfo(), url.getHost(), url.getPort(), url.getPath(), null, null);
                DestinationVerdict verdict = guard.check(asHttps);
                return verdict instanceof DestinationVerdict.Allowed allowed
                        ? new DestinationVerdict.Allowed(url, allowed.addresses())
                        : verdict;
            } catch (URISyntaxException e) {
                return new DestinationVerdict.Refused(url, DestinationVerdict.Reason.MALFORMED, "not a URL");
            }
        }
        return guard.check(url);
    }
}
