package io.ibasho.gateway;

import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The one door: routes /api/** to the services with Vert.x' reverse proxy (vertx-http-proxy), unchanged paths, the
 * Authorization header relayed as is (the services verify tokens: zero trust), hop-by-hop headers stripped and
 * X-Forwarded-* set by the gateway alone. Failures leave as problem+json, never a stack trace.
 */
@ApplicationScoped
public class Gateway {
    /** Sessions ended by sign-out or quick exit: an old copy of their cookie is refused. */
    @Inject
    EndedSessions endedSessions;

    private static final Logger LOG = Logger.getLogger(Gateway.class);

    /** RFC 9110 7.6.1 plus the de-facto ones; headers named in Connection are dropped too. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "proxy-connection",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade");
    /** Only the gateway says where a request came from; whatever a client claims is dropped. */
    private static final Set<String> CLIENT_FORWARDING = Set.of(
            "forwarded",
            "x-forwarded-for",
            "x-forwarded-host",
            "x-forwarded-proto",
            "x-forwarded-port",
            "x-forwarded-prefix",
            "x-real-ip");
    /**
     * The caller's W3C trace context. With tracing on, the gateway's server span has already continued it, and the
     * proxied request must carry the gateway's own client span instead (which Quarkus' Vert.x instrumentation injects
     * only where no such header is set): a copy made the service's span skip the gateway's hops (ADR 0046).
     */
    private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate", "baggage");
    /** The public list of sessions: the one answer that may be cached, when asked anonymously (SecurityHeaders). */
    private static final String PUBLIC_LIST = "/api/events/sessions";
    /** The public list's query string (its copy's key) and the stale copy asked about, on an anonymous request. */
    private static final String PUBLIC_LIST_KEY = "ibasho.public-list-key";

    private static final String PUBLIC_LIST_CHANGES_SEEN = "ibasho.public-list-changes-seen";

    private static final String PUBLIC_LIST_STALE = "ibasho.public-list-stale";
    /** The question about the list this request asks for everyone who finds the copy missing or stale meanwhile. */
    private static final String PUBLIC_LIST_REFRESH = "ibasho.public-list-refresh";
    /**
     * The services' routes come before the pages' (898-901), so that an API request is not matched against every
     * page's path pattern first; /api/me/** (her data, recovery codes: the gateway's own) is not under them.
     */
    static final int SERVICE_ROUTE_ORDER = 897;
    /** A relayed answer up to this length is read whole and written at once instead of piped chunk by chunk. */
    private static final long WHOLE_BODY_LIMIT = 64 * 1024;

    @Inject
    GatewayConfig config;

    @Inject
    BearerIdentities bearerIdentities;

    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;

    @Inject
    io.ibasho.gateway.recovery.ConfirmedEmailSync confirmedEmails;

    /**
     * Her writes after which the address Keycloak's reset may mail has to follow notification's (docs/adr/0027): a
     * code confirmed, e-mail switched on or off, the consent withdrawn.
     */
    private static final Set<String> CONFIRMED_EMAIL_CHANGES = Set.of(
            "POST /api/notifications/preferences/email/verify",
            "PUT /api/notifications/preferences",
            "POST /api/notifications/me/consents/email-channel/withdrawal");

    /** The audit log's time: the gateway's clock (GatewayClock), as the pages read theirs. */
    @Inject
    Clock clock;

    /** Tracing off (the default): the caller's trace context passes through untouched, as any other header. */
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "true")
    boolean tracingOff;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<io.quarkus.runtime.configuration.MemorySize> serverMaxBodySize;

    private List<Upstream> upstreams;
    private RateLimiter rateLimiter;
    private AuditLog auditLog;
    private static final String AUDIT_ENTRY = "ibasho.audit-entry";
    private static final String RELAYED_AUTHORIZATION = "ibasho.relayed-authorization";
    private HttpClient client;
    /** Null when switched off (ibasho.gateway.public-list.max-entries=0). */
    private PublicListCopies publicList;

    record Upstream(String service, String prefix, URI url) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    void init(@Observes Router router, Vertx vertx) {
        GatewayConfig.Routes routes = config.routes();
        upstreams = List.of(
                new Upstream("event", "/api/events", routes.event().url()),
                new Upstream(
                        "registration",
                        "/api/registrations",
                        routes.registration().url()),
                new Upstream(
                        "childcare-booking",
                        "/api/childcare",
                        routes.childcareBooking().url()),
                new Upstream(
                        "notification",
                        "/api/notifications",
                        routes.notification().url()));
        rateLimiter = new RateLimiter(config.rateLimit());
        auditLog = new AuditLog(config.audit(), clock);
        bearerIdentities.registerMetrics(meters);
        endedSessions.registerMetrics(meters);
        if (config.publicList().maxEntries() > 0) {
            publicList = new PublicListCopies(
                    config.publicList().maxEntries(),
                    (int) config.publicList().maxBytes().asLongValue(),
                    () -> clock.millis());
            registerPublicListMetrics(publicList);
        }
        client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setKeepAlive(true),
                new io.vertx.core.http.PoolOptions()
                        .setHttp1MaxSize(config.upstreamConnections())
                        .setMaxWaitQueueSize(config.upstreamQueueSize()));
        vertx.setPeriodic(
                60_000,
                id -> vertx.executeBlocking(
                        () -> {
                            rateLimiter.evictIdle();
                            return null;
                        },
                        false));

        // Quarkus' own limit (quarkus.http.limits.max-body-size, 1M) answers a bare 413; answer it as a problem first.
        router.route()
                .order(io.quarkus.vertx.http.runtime.RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
                .handler(this::refuseOverServerLimit);
        for (Upstream upstream : upstreams) {
            router.route(upstream.prefix())
                    .order(SERVICE_ROUTE_ORDER)
                    .handler(this::handle)
                    .failureHandler(this::failure);
            router.route(upstream.prefix() + "/*")
                    .order(SERVICE_ROUTE_ORDER)
                    .handler(this::handle)
                    .failureHandler(this::failure);
        }
        // everything else under /api that no page or the gateway's own /api/me/** took: 404 problem
        router.route("/api/*").order(1000).handler(this::handle).failureHandler(this::failure);
        router.route("/api").order(1000).handler(this::handle).failureHandler(this::failure);
        router.get("/shell-config.json")
                .order(1000)
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "application/json")
                        .end(new JsonObject()
                                .put("quickExitUrl", config.quickExitUrl())
                                .encode()));
        upstreams.forEach(u -> LOG.infof("route %s/** -> %s (%s)", u.prefix(), u.url(), u.service()));
    }

    /**
     * The same limits for the web app's form posts (which reach the services from the gateway, not through /api/**):
     * empty when the write may go ahead, else how long to wait.
     */
    public Uni<Optional<Duration>> rateLimit(String method, String path, String bearerToken, HttpServerRequest from) {
        if (!rateLimiter.applies(method, path)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return limited(method, path, BearerToken.of(bearerToken), from);
    }

    /** Relays an anonymous list request, asking about the stale copy if there is one (the answer may refill it). */
    private void askAboutPublicList(RoutingContext ctx, Upstream upstream, String key) {
        ctx.put(PUBLIC_LIST_KEY, key);
        ctx.put(PUBLIC_LIST_CHANGES_SEEN, publicList.changesSeen());
        PublicListCopies.Copy stale = publicList.any(key);
        if (stale != null) {
            ctx.put(PUBLIC_LIST_STALE, stale);
        }
        proceed(ctx, upstream, null, false);
    }

    /**
     * Another request is asking the event service for this list: answer from the copy its answer makes, on this
     * request's own context; without one (nothing kept, a failure), ask as if it had not waited.
     */
    private void answerAfter(
            RoutingContext ctx, CompletableFuture<PublicListCopies.Copy> underWay, Upstream upstream, String key) {
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        underWay.whenComplete((copy, failure) -> context.runOnContext(v -> {
            if (copy != null) {
                answerFromCopy(ctx, copy, copy.body(), "public, max-age=" + publicList.secondsLeft(copy));
            } else {
                askAboutPublicList(ctx, upstream, key);
            }
        }));
    }

    /** The limits for a request they apply to; the token is verified (or found verified) once for the request. */
    private Uni<Optional<Duration>> limited(String method, String path, BearerToken token, HttpServerRequest from) {
        String clientIp = clientIp(from);
        return bearerIdentities
                .verified(token)
                .map(claims -> rateLimiter.check(
                        method, path, claims == null ? Optional.empty() : claims.verifiedSubject(), clientIp));
    }

    private void registerPublicListMetrics(PublicListCopies copies) {
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "ibasho.gateway.public.list", copies, PublicListCopies::freshAnswers)
                .tag("result", "fresh")
                .description("Anonymous public lists answered from the gateway's copy")
                .register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "ibasho.gateway.public.list", copies, PublicListCopies::revalidations)
                .tag("result", "revalidated")
                .description("Stale copies the event service confirmed with 304")
                .register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "ibasho.gateway.public.list", copies, PublicListCopies::fetches)
                .tag("result", "fetched")
                .description("Copies fetched (200) from the event service")
                .register(meters);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        "ibasho.gateway.public.list", copies, PublicListCopies::joinedRefreshes)
                .tag("result", "joined")
                .description("Requests that waited for another request's question to the event service")
                .register(meters);
    }

    private void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        Optional<Upstream> found =
                upstreams.stream().filter(u -> u.matches(path)).findFirst();
        if (found.isEmpty()) {
            Problems.send(ctx, 404, "not-found", "Not found", "There is no API at this path.");
            return;
        }
        Upstream upstream = found.get();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null || !BrowserSessions.hasSessionCookie(request)) {
            // machines (partners' client-credentials tokens) and anonymous callers: relayed as they are
            if (authorization == null && HttpMethod.GET.equals(request.method()) && PUBLIC_LIST.equals(path)) {
                ctx.put(SecurityHeaders.PUBLIC_LIST, Boolean.TRUE);
                if (publicList != null) {
                    String key = PublicListCopies.key(request.query());
                    PublicListCopies.Copy fresh = publicList.fresh(key);
                    if (fresh != null) {
                        answerFromCopy(ctx, fresh, fresh.body(), "public, max-age=" + publicList.secondsLeft(fresh));
                        return;
                    }
                    CompletableFuture<PublicListCopies.Copy> mine = new CompletableFuture<>();
                    CompletableFuture<PublicListCopies.Copy> underWay = publicList.refreshUnderWay(key, mine);
                    if (underWay != null) {
                        answerAfter(ctx, underWay, upstream, key);
                        return;
                    }
                    ctx.put(PUBLIC_LIST_REFRESH, mine);
                    // whatever becomes of this request (relayed, failed, her connection gone), the others go on
                    ctx.addEndHandler(ended -> publicList.refreshed(key, mine, null));
                    askAboutPublicList(ctx, upstream, key);
                    return;
                }
            }
            proceed(ctx, upstream, authorization, false);
            return;
        }
        // A browser with a session: it must prove the request comes from our own page before anything changes.
        String method = request.method().name();
        if (!BrowserSessions.isSafe(method)
                && !BrowserSessions.csrfValid(ctx, request.getHeader(BrowserSessions.CSRF_HEADER))) {
            Problems.send(
                    ctx,
                    403,
                    "csrf",
                    "Request not accepted",
                    "This request did not come with the page's " + BrowserSessions.CSRF_HEADER
                            + " header. Please reload the page and try again.");
            return;
        }
        BrowserSessions.identity(ctx, endedSessions)
                .subscribe()
                .with(
                        identity -> {
                            String token = identity == null ? null : BrowserSessions.accessToken(identity);
                            if (token == null) {
                                BrowserSessions.clearCookies(ctx);
                                Problems.send(
                                        ctx,
                                        401,
                                        "session-ended",
                                        "Signed out",
                                        "Your session has ended. Please sign in again.");
                                return;
                            }
                            proceed(ctx, upstream, "Bearer " + token, true);
                        },
                        failure -> {
                            LOG.debugf(
                                    "browser session not usable: %s",
                                    failure.getClass().getSimpleName());
                            BrowserSessions.clearCookies(ctx);
                            Problems.send(
                                    ctx,
                                    401,
                                    "session-ended",
                                    "Signed out",
                                    "Your session has ended. Please sign in again.");
                        });
    }

    /** @param relayedToken true when the gateway put the session's token in (it then replaces the header) */
    private void proceed(RoutingContext ctx, Upstream found, String authorization, boolean relayedToken) {
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        String method = request.method().name();
        BearerToken token = BearerToken.of(BearerIdentities.bearerToken(authorization));
        if (relayedToken) {
            ctx.put(RELAYED_AUTHORIZATION, authorization);
        }
        if (!rateLimiter.applies(method, path)) {
            beginAudit(ctx, method, path, token);
            readBodyAndForward(ctx, found);
            return;
        }
        // Only a verified token has a person bucket; the request stays paused (its body unread) meanwhile.
        limited(method, path, token, request)
                .subscribe()
                .with(
                        wait -> {
                            if (wait.isPresent()) {
                                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                                ctx.response().putHeader("Retry-After", Long.toString(seconds));
                                Problems.send(
                                        ctx,
                                        429,
                                        "rate-limited",
                                        "Too many requests",
                                        "Please wait " + seconds + " seconds and try again. Nothing was changed.");
                            } else {
                                beginAudit(ctx, method, path, token);
                                readBodyAndForward(ctx, found);
                            }
                        },
                        ctx::fail);
    }

    /** The audit entry, from the claims the rate limit verified or else read once from the token. */
    private void beginAudit(RoutingContext ctx, String method, String path, BearerToken token) {
        auditLog.begin(method, path, token, ctx.request().getHeader(AuditLog.REASON_HEADER))
                .ifPresent(entry -> ctx.put(AUDIT_ENTRY, entry));
    }

    private void readBodyAndForward(RoutingContext ctx, Upstream found) {
        HttpServerRequest request = ctx.request();
        Optional<Upstream> upstream = Optional.of(found);
        long limit = config.maxBodySize().asLongValue();
        String contentLength = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                Problems.send(ctx, 400, "bad-request", "Bad request", "The Content-Length header is not a number.");
                return;
            }
            if (length > limit) {
                tooLarge(ctx, limit);
                return;
            }
        }
        if (ctx.body() != null && ctx.body().available()) {
            // a body handler already read it (and enforced quarkus.http.limits.max-body-size)
            Buffer body = ctx.body().buffer();
            if (body != null && body.length() > limit) {
                tooLarge(ctx, limit);
            } else {
                forward(ctx, upstream.get(), body);
            }
            return;
        }
        if (request.isEnded()) {
            forward(ctx, upstream.get(), null);
            return;
        }
        // Read the (small) body first, counting: chunked requests have no length to check up front. The services then
        // get a Content-Length and never a half-sent body.
        Buffer body = Buffer.buffer();
        boolean[] rejected = {false};
        request.handler(chunk -> {
            if (rejected[0]) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                rejected[0] = true;
                tooLarge(ctx, limit);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(
                e -> LOG.debugf("request body aborted: %s", e.getClass().getSimpleName()));
        request.endHandler(v -> {
            if (!rejected[0]) {
                forward(ctx, upstream.get(), body);
            }
        });
        request.resume();
    }

    private void refuseOverServerLimit(RoutingContext ctx) {
        String contentLength = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long serverLimit = serverMaxBodySize
                .map(io.quarkus.runtime.configuration.MemorySize::asLongValue)
                .orElse(Long.MAX_VALUE);
        if (contentLength != null) {
            try {
                if (Long.parseLong(contentLength.trim()) > serverLimit) {
                    tooLarge(ctx, serverLimit);
                    return;
                }
            } catch (NumberFormatException e) {
                // the proxy answers 400 for /api/**; elsewhere Vert.x decides
            }
        }
        ctx.next();
    }

    private void tooLarge(RoutingContext ctx, long limit) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        Problems.send(
                ctx,
                413,
                "payload-too-large",
                "Request too large",
                "Requests may carry at most " + (limit / 1024) + " KiB.");
    }

    private void forward(RoutingContext ctx, Upstream upstream, Buffer body) {
        HttpServerRequest request = ctx.request();
        ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
        // Route and forward the same, normalised path (no dot segments smuggled past the route decision).
        String query = request.query();
        proxyRequest.setURI(ctx.normalizedPath() + (query == null ? "" : "?" + query));
        boolean hasBody = body != null
                && (body.length() > 0
                        || request.headers().contains(HttpHeaders.CONTENT_LENGTH)
                        || request.headers().contains(HttpHeaders.TRANSFER_ENCODING));
        proxyRequest.setBody(hasBody ? Body.body(body) : null);

        MultiMap headers = proxyRequest.headers();
        stripHopByHop(headers);
        // The services need no cookies: the encrypted session and the CSRF token stay between browser and gateway.
        headers.remove(HttpHeaders.COOKIE);
        String relayed = ctx.get(RELAYED_AUTHORIZATION);
        if (relayed != null) {
            headers.set(HttpHeaders.AUTHORIZATION, relayed);
        }
        headers.remove(BrowserSessions.CSRF_HEADER);
        PublicListCopies.Copy stale = ctx.get(PUBLIC_LIST_STALE);
        if (stale != null) {
            // the gateway's own question (is the copy still the list?); the client's tag is answered from the copy
            headers.set(HttpHeaders.IF_NONE_MATCH, stale.etag());
        } else if (ctx.get(PUBLIC_LIST_KEY) != null) {
            // no copy yet: ask for the list itself, so that a returning browser's request also fills the copy (her
            // 304 is then answered from it)
            headers.remove(HttpHeaders.IF_NONE_MATCH);
        }
        CLIENT_FORWARDING.forEach(headers::remove);
        if (!tracingOff) {
            TRACE_CONTEXT.forEach(headers::remove);
        }
        headers.set("X-Forwarded-For", clientIp(request));
        headers.set("X-Forwarded-Proto", request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
            int port = request.authority().port() > 0
                    ? request.authority().port()
                    : ("https".equals(request.scheme()) ? 443 : 80);
            headers.set("X-Forwarded-Port", Integer.toString(port));
        }

        URI url = upstream.url();
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        RequestOptions options = new RequestOptions()
                .setHost(url.getHost())
                .setPort(url.getPort() > 0 ? url.getPort() : (https ? 443 : 80))
                .setSsl(https)
                // the time to get a connection, the wait for a pooled one included (Vert.x 4.5); the TCP connect
                // itself is bounded by the client's connect timeout
                .setConnectTimeout(config.upstreamQueueWait().toMillis())
                .setIdleTimeout(config.upstreamTimeout().toMillis());
        client.request(options)
                .compose(proxyRequest::send)
                .onSuccess(response -> afterConfirmedEmailChange(ctx, response, () -> relay(ctx, upstream, response)))
                .onFailure(e -> upstreamFailed(ctx, upstream, proxyRequest, e));
    }

    /**
     * After she confirmed an e-mail code, switched e-mail on or off, or withdrew the e-mail consent through the API, her
     * Keycloak account gets the confirmed address or loses it before the answer goes back, as on the pages (a failed
     * copy is retried when she opens her settings).
     */
    private void afterConfirmedEmailChange(RoutingContext ctx, ProxyResponse response, Runnable relay) {
        int status = response.getStatusCode();
        if (status < 200
                || status >= 300
                || !CONFIRMED_EMAIL_CHANGES.contains(ctx.request().method().name() + " " + ctx.normalizedPath())) {
            relay.run();
            return;
        }
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        String relayed = ctx.get(RELAYED_AUTHORIZATION);
        String bearer = BearerIdentities.bearerToken(
                relayed != null ? relayed : ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        bearerIdentities
                .verifiedSubject(bearer)
                .flatMap(subject -> subject.isPresent()
                        ? confirmedEmails.sync(subject.get()).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .subscribe()
                .with(
                        ignored -> context.runOnContext(v -> relay.run()),
                        failure -> context.runOnContext(v -> relay.run()));
    }

    private void relay(RoutingContext ctx, Upstream upstream, ProxyResponse response) {
        stripHopByHop(response.headers());
        audit(ctx, response.getStatusCode());
        String authority = ctx.request().authority() == null
                ? null
                : ctx.request().authority().toString();
        String location = response.headers().get(HttpHeaders.LOCATION);
        if (location != null) {
            response.headers().set(HttpHeaders.LOCATION, publicLocation(location, upstream, authority));
        }
        forgetPublicListAfterChange(ctx, upstream, response.getStatusCode());
        String publicListKey = ctx.get(PUBLIC_LIST_KEY);
        if (publicListKey != null && answeredFromPublicList(ctx, publicListKey, response)) {
            return;
        }
        if (response.getStatusCode() == 304) {
            // A 304 has no body by definition. Relayed as a body of unknown length, the proxy announced a chunked one
            // that never came, and a client that reads by the framing (wrk) waited for it on the kept-alive connection.
            Body upstreamBody = response.getBody();
            response.setBody(null);
            response.headers().remove(HttpHeaders.CONTENT_LENGTH);
            if (upstreamBody != null) {
                upstreamBody.stream().handler(ignored -> {}).resume();
            }
            send(response);
            return;
        }
        String contentType = response.headers().get(HttpHeaders.CONTENT_TYPE);
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json")
                && response.getBody() != null) {
            publicProblemInstance(ctx, upstream, response);
            return;
        }
        long length = knownLength(response);
        if (length >= 0
                && length <= WHOLE_BODY_LIMIT
                && !HttpMethod.HEAD.equals(ctx.request().method())) {
            // a small answer of known length: read whole, written at once (the proxy's pipe wrote it chunk by chunk)
            readWhole(ctx, response, body -> writeWhole(ctx, response, body));
            return;
        }
        send(response);
    }

    /**
     * An accepted write to the event service (publish, change, cancel, a new session) may change the public list: the
     * copies go, so the organiser and everyone after her see the change at once (docs/adr/0055's amendment).
     */
    private void forgetPublicListAfterChange(RoutingContext ctx, Upstream upstream, int status) {
        if (publicList != null
                && status < 400
                && "event".equals(upstream.service())
                && !BrowserSessions.isSafe(ctx.request().method().name())) {
            publicList.forgetAll();
        }
    }

    /**
     * The event service's answer to an anonymous public list (docs/adr/0055): a 200 that may be kept becomes the
     * gateway's copy, a 304 to the stale copy's ETag makes that copy fresh again; either way the client is answered
     * from the copy (304 when her If-None-Match names it). Anything else is relayed as it came.
     */
    private boolean answeredFromPublicList(RoutingContext ctx, String key, ProxyResponse response) {
        PublicListCopies.Copy stale = ctx.get(PUBLIC_LIST_STALE);
        String etag = response.headers().get(HttpHeaders.ETAG);
        String cacheControl = response.headers().get(HttpHeaders.CACHE_CONTROL);
        int status = response.getStatusCode();
        if (status == 304 && stale != null && (etag == null || stale.etag().equals(etag))) {
            // the list is still the copy's: answer from it, fresh again for the max-age of this 304 (or, without one,
            // as the event service said, which SecurityHeaders turns into no-store)
            releaseBody(response);
            PublicListCopies.Copy copy =
                    publicList.revalidated(key, stale, etag, cacheControl, ctx.get(PUBLIC_LIST_CHANGES_SEEN));
            tellWaiting(ctx, key, copy);
            answerFromCopy(
                    ctx,
                    stale,
                    stale.body(),
                    copy != null ? "public, max-age=" + publicList.secondsLeft(copy) : cacheControl);
            return true;
        }
        long length = knownLength(response);
        if (status != 200 || etag == null || PublicListCopies.maxAge(cacheControl) < 0 || !publicList.fits(length)) {
            if (stale != null) {
                publicList.drop(key, stale); // nothing to keep: the next request asks the event service afresh
            }
            return false;
        }
        String contentType = response.headers().get(HttpHeaders.CONTENT_TYPE);
        readWhole(ctx, response, body -> {
            PublicListCopies.Copy copy =
                    publicList.store(key, body, etag, contentType, cacheControl, ctx.get(PUBLIC_LIST_CHANGES_SEEN));
            tellWaiting(ctx, key, copy);
            answerFromCopy(
                    ctx,
                    new PublicListCopies.Copy(body, etag, contentType, 0),
                    body,
                    copy != null ? "public, max-age=" + publicList.secondsLeft(copy) : cacheControl);
        });
        return true;
    }

    /** The requests waiting for this one's question get the copy it made or confirmed (null: they ask themselves). */
    private void tellWaiting(RoutingContext ctx, String key, PublicListCopies.Copy copy) {
        CompletableFuture<PublicListCopies.Copy> refresh = ctx.get(PUBLIC_LIST_REFRESH);
        if (refresh != null) {
            publicList.refreshed(key, refresh, copy);
        }
    }

    /** The list from a copy: 304 when her If-None-Match names it, else the bytes, in one write. */
    private static void answerFromCopy(
            RoutingContext ctx, PublicListCopies.Copy copy, Buffer body, String cacheControl) {
        var out = ctx.response();
        if (out.ended() || out.closed()) {
            return;
        }
        out.putHeader(HttpHeaders.ETAG, copy.etag());
        if (cacheControl != null) {
            out.putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        }
        if (PublicListCopies.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), copy.etag())) {
            out.setStatusCode(304).end();
            return;
        }
        if (copy.contentType() != null) {
            out.putHeader(HttpHeaders.CONTENT_TYPE, copy.contentType());
        }
        out.setStatusCode(200).end(body);
    }

    /** The answer's Content-Length, or -1 when it has none (chunked) or no body. */
    private static long knownLength(ProxyResponse response) {
        String length = response.headers().get(HttpHeaders.CONTENT_LENGTH);
        if (length == null || response.getBody() == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void releaseBody(ProxyResponse response) {
        Body body = response.getBody();
        if (body != null) {
            body.stream().handler(ignored -> {}).resume();
        }
    }

    private static void readWhole(
            RoutingContext ctx, ProxyResponse response, java.util.function.Consumer<Buffer> then) {
        var stream = response.getBody().stream();
        Buffer body = Buffer.buffer((int) Math.max(0, knownLength(response)));
        stream.handler(body::appendBuffer);
        stream.exceptionHandler(e -> {
            // the service broke off mid-answer: the client must not wait for the rest
            LOG.debugf("response relay aborted: %s", e.getClass().getSimpleName());
            if (!ctx.response().ended()) {
                ctx.response().reset();
            }
        });
        stream.endHandler(v -> then.accept(body));
        stream.resume();
    }

    /** The service's status and headers (hop-by-hop already gone) and the whole body, in one write. */
    private static void writeWhole(RoutingContext ctx, ProxyResponse response, Buffer body) {
        var out = ctx.response();
        if (out.ended() || out.closed()) {
            return;
        }
        out.setStatusCode(response.getStatusCode());
        if (response.getStatusMessage() != null) {
            out.setStatusMessage(response.getStatusMessage());
        }
        response.headers().forEach(header -> out.headers().add(header.getKey(), header.getValue()));
        out.headers().remove(HttpHeaders.CONTENT_LENGTH);
        out.end(body);
    }

    private static void send(ProxyResponse response) {
        response.send().onFailure(e -> {
            // the client went away, or the service broke off mid-answer; the status line is already out
            LOG.debugf("response relay aborted: %s", e.getClass().getSimpleName());
        });
    }

    /**
     * A service's problem names the failed request in {@code instance}, by its path inside the service (which may lack
     * the /api/<service> prefix): read the (small) problem, give it the public path, relay it.
     */
    private void publicProblemInstance(RoutingContext ctx, Upstream upstream, ProxyResponse response) {
        var stream = response.getBody().stream();
        Buffer problem = Buffer.buffer();
        stream.handler(problem::appendBuffer);
        stream.exceptionHandler(
                e -> LOG.debugf("problem relay aborted: %s", e.getClass().getSimpleName()));
        // in one write, as any small answer (a rush's 409s are all problems)
        stream.endHandler(v -> writeWhole(ctx, response, withPublicInstance(problem, upstream)));
        stream.resume();
    }

    /**
     * The problem with its instance made public. A service whose paths are its public ones already (every refusal of
     * a rush) is relayed as it came, unparsed: that parse and write were 10-14 % of the gateway's CPU in a rush (round
     * 16). Anything else is parsed, given the public path and written again; a body that is not JSON goes as it came.
     */
    static Buffer withPublicInstance(Buffer problem, Upstream upstream) {
        String instance = plainInstance(problem);
        if (instance != null && publicPath(instance, upstream).equals(instance)) {
            return problem;
        }
        try {
            JsonObject json = problem.toJsonObject();
            String parsed = json.getString("instance");
            if (parsed != null) {
                json.put("instance", publicPath(parsed, upstream));
                return json.toBuffer();
            }
        } catch (RuntimeException notJson) {
            // relayed as the service sent it
        }
        return problem;
    }

    private static final String INSTANCE_MEMBER = "\"instance\":";

    /**
     * The instance read from the bytes, without a parse, or null when that cannot be sure: its member must appear
     * once, as a string with no escape in it. Inside a JSON string every quote is escaped, so {@code "instance":} there
     * is always a member's name (at any depth; hence once).
     */
    static String plainInstance(Buffer problem) {
        String text = problem.toString(java.nio.charset.StandardCharsets.UTF_8);
        int member = text.indexOf(INSTANCE_MEMBER);
        if (member < 0 || text.indexOf(INSTANCE_MEMBER, member + 1) >= 0) {
            return null;
        }
        int start = member + INSTANCE_MEMBER.length() + 1;
        int end = text.indexOf('"', start);
        if (start > text.length() || text.charAt(start - 1) != '"' || end < 0) {
            return null;
        }
        String value = text.substring(start, end);
        return value.indexOf('\\') < 0 ? value : null;
    }

    /**
     * Where a service points (Location) as the browser must see it: the public, same-origin path. Services build it
     * from their internal address, and RESTEasy resolves an absolute path against the service's base (/api/events/),
     * which doubles the prefix. Locations elsewhere (another site) are left alone.
     */
    static String publicLocation(String location, Upstream upstream, String requestAuthority) {
        URI uri;
        try {
            uri = URI.create(location.trim());
        } catch (IllegalArgumentException e) {
            return location;
        }
        if (uri.isAbsolute()) {
            String authority = uri.getRawAuthority();
            boolean ours = authority != null
                    && (authority.equalsIgnoreCase(upstream.url().getRawAuthority())
                            || authority.equalsIgnoreCase(requestAuthority));
            if (!ours || uri.getRawPath() == null) {
                return location;
            }
        } else if (uri.getRawPath() == null || !uri.getRawPath().startsWith("/")) {
            return location;
        }
        return collapseDoubledPrefix(uri.getRawPath(), upstream.prefix())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    }

    /** A problem's instance as a public path: /venues/x (inside the service) becomes /api/events/venues/x. */
    static String publicPath(String instance, Upstream upstream) {
        if (instance.startsWith("http://") || instance.startsWith("https://") || instance.startsWith("urn:")) {
            return instance;
        }
        String path = instance.startsWith("/") ? instance : "/" + instance;
        return upstream.matches(path) ? collapseDoubledPrefix(path, upstream.prefix()) : upstream.prefix() + path;
    }

    private static String collapseDoubledPrefix(String path, String prefix) {
        while (path.equals(prefix + prefix) || path.startsWith(prefix + prefix + "/")) {
            path = path.substring(prefix.length());
        }
        return path;
    }

    private void upstreamFailed(RoutingContext ctx, Upstream upstream, ProxyRequest proxyRequest, Throwable e) {
        proxyRequest.release();
        if (waitedForBusyConnections(e)) {
            // every connection to the service was busy for upstream-queue-wait (or too many waited): the request was
            // never sent, so nothing changed; overload is a 503 with Retry-After, never a 504 or 500
            audit(ctx, 503);
            LOG.debugf("%s busy: %s", upstream.service(), e.getClass().getSimpleName());
            ctx.response().putHeader("Retry-After", "2");
            Problems.send(
                    ctx,
                    503,
                    "upstream-busy",
                    "Busy",
                    "Many people are using the " + upstream.service()
                            + " service at this moment. Nothing was changed; please try again in a few seconds.");
            return;
        }
        boolean timeout =
                e instanceof TimeoutException || e.getClass().getSimpleName().contains("Timeout");
        // A service that cannot be reached (stopped, restarting, killed) is temporarily unavailable: 503 with
        // Retry-After, which clients and the pages treat as "try again shortly". 502 would say it answered badly.
        audit(ctx, timeout ? 504 : 503);
        LOG.warnf("%s unreachable: %s", upstream.service(), e.getClass().getSimpleName());
        if (timeout) {
            Problems.send(
                    ctx,
                    504,
                    "upstream-timeout",
                    "Service did not answer in time",
                    "The " + upstream.service() + " service did not answer in time. Please try again in a moment;"
                            + " if you were booking, check your bookings before trying again.");
        } else {
            ctx.response().putHeader("Retry-After", "30");
            Problems.send(
                    ctx,
                    503,
                    "upstream-unavailable",
                    "Service unavailable",
                    "The " + upstream.service()
                            + " service cannot be reached right now. Please try again in a moment.");
        }
    }

    /** The request waited for a pooled connection that never came free, or the queue of waiting requests was full. */
    static boolean waitedForBusyConnections(Throwable e) {
        if (e instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
            return true;
        }
        // Vert.x 4.5: "The timeout of N ms has been exceeded when getting a connection to host:port"
        return e instanceof io.vertx.core.impl.NoStackTraceTimeoutException
                && e.getMessage() != null
                && e.getMessage().contains("getting a connection");
    }

    private void audit(RoutingContext ctx, int status) {
        JsonObject entry = ctx.get(AUDIT_ENTRY);
        if (entry != null) {
            auditLog.record(entry, status);
        }
    }

    private void failure(RoutingContext ctx) {
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status == 413) {
            tooLarge(ctx, config.maxBodySize().asLongValue());
            return;
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(
                "incident %s: %s",
                incident,
                ctx.failure() == null
                        ? "status " + status
                        : ctx.failure().getClass().getName());
        LOG.debug("incident " + incident, ctx.failure());
        Problems.send(
                ctx,
                status,
                status == 500 ? "internal" : "http-" + status,
                status == 500 ? "Internal error" : "Error",
                "Something went wrong in the gateway; incident " + incident + ".");
    }

    static void stripHopByHop(MultiMap headers) {
        List<String> named = new ArrayList<>();
        for (String connection : headers.getAll(HttpHeaders.CONNECTION)) {
            for (String token : connection.split(",")) {
                if (!token.isBlank()) {
                    named.add(token.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        named.forEach(headers::remove);
        HOP_BY_HOP.forEach(headers::remove);
    }

    static String clientIp(HttpServerRequest request) {
        // With quarkus.http.proxy.* (trusted proxies only) Quarkus already resolved the real client address here.
        return request.remoteAddress() == null
                ? "unknown"
                : request.remoteAddress().hostAddress();
    }
}
