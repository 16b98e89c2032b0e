package dev.reveal.catalog;

import dev.reveal.platform.Refusal;
import dev.reveal.platform.Workspace;
import io.lindstrom.m3u8.model.MasterPlaylist;
import io.lindstrom.m3u8.model.MediaPlaylist;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.parser.MasterPlaylistParser;
import io.lindstrom.m3u8.parser.MediaPlaylistParser;
import io.lindstrom.m3u8.parser.ParsingMode;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Fetches an HLS playlist (master → its first variant's media playlist) and returns the clip's duration.
 * Every fetch is bounded in time and size, so a slow or huge origin turns into a 422, never a hung request.
 * Hosts that resolve to loopback, private, link-local (cloud metadata) or other internal addresses are refused,
 * at every redirect too, unless {@code reveal.media.allow-private-addresses} is true — its default in development
 * mode ({@code reveal.dev}), where the demo fetches its own clip from localhost; false otherwise.
 */
@Component
class HlsProbe {

    private static final int MAX_REDIRECTS = 5;

    private final HttpClient client;
    private final Duration requestTimeout;
    private final long maxBytes;
    private final boolean allowPrivateAddresses;

    HlsProbe(MediaProperties media, Workspace workspace) {
        // redirects are followed by hand, so that every hop's address is checked
        this.client = HttpClient.newBuilder().connectTimeout(media.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = media.requestTimeout();
        this.maxBytes = media.maxPlaylistBytes();
        this.allowPrivateAddresses = media.allowPrivateAddresses() != null ? media.allowPrivateAddresses()
                : workspace.dev();
    }

    /** The clip's duration in ms, or a 422 problem MEDIA_UNAVAILABLE / MEDIA_INVALID naming the URL and the reason. */
    int durationMs(String masterUrl) {
        return mediaPlaylist(masterUrl).durationMs();
    }

    /** A media playlist, where it was found (segment URIs resolve against it) and its total duration. */
    record Found(URI uri, MediaPlaylist playlist, int durationMs) {
    }

    /** The media playlist of {@code masterUrl}: the URL itself, or the first variant of a master playlist. */
    Found mediaPlaylist(String masterUrl) {
        URI uri = URI.create(masterUrl);
        String text = fetch(uri, masterUrl);
        if (text.contains("#EXT-X-STREAM-INF")) {
            MasterPlaylist master = parse(masterUrl, () -> new MasterPlaylistParser(ParsingMode.LENIENT).readPlaylist(text));
            if (master.variants().isEmpty()) {
                throw invalid(masterUrl, "the master playlist has no variants");
            }
            URI variant = uri.resolve(master.variants().get(0).uri());
            if (!EventRules.isHttpUrl(variant.toString())) {
                throw invalid(masterUrl, "the first variant is not an http(s) URL");
            }
            return media(masterUrl, variant, fetch(variant, masterUrl));
        }
        return media(masterUrl, uri, text);
    }

    private Found media(String masterUrl, URI uri, String text) {
        if (!text.contains("#EXTINF")) {
            throw invalid(masterUrl, "not a master or media playlist (no #EXT-X-STREAM-INF or #EXTINF)");
        }
        MediaPlaylist media = parse(masterUrl, () -> new MediaPlaylistParser(ParsingMode.LENIENT).readPlaylist(text));
        double seconds = media.mediaSegments().stream().mapToDouble(MediaSegment::duration).sum();
        if (seconds <= 0 || seconds > Integer.MAX_VALUE / 1000.0) {
            throw invalid(masterUrl, "the media playlist has no usable segment durations");
        }
        return new Found(uri, media, (int) Math.round(seconds * 1000));
    }

    /** The bytes at {@code uri} (a segment), redirects checked like playlists, refused past {@code cap} bytes. */
    byte[] fetchBytes(URI uri, String masterUrl, long cap) {
        if (!EventRules.isHttpUrl(uri.toString())) {
            throw invalid(masterUrl, uri + " is not an http(s) URL");
        }
        return fetchFollowing(uri, masterUrl, cap);
    }

    private String fetch(URI uri, String masterUrl) {
        String text = new String(fetchFollowing(uri, masterUrl, maxBytes), StandardCharsets.UTF_8);
        if (!text.stripLeading().startsWith("#EXTM3U")) {
            throw invalid(masterUrl, uri + " is not an HLS playlist (no #EXTM3U header)");
        }
        return text;
    }

    private byte[] fetchFollowing(URI uri, String masterUrl, long cap) {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            refuseInternal(current, masterUrl);
            HttpResponse<byte[]> response = get(current, masterUrl, cap);
            int status = response.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                Optional<String> location = response.headers().firstValue("Location");
                if (location.isEmpty()) {
                    throw unavailable(masterUrl, current + " answered HTTP " + status + " without a Location");
                }
                if (redirects >= MAX_REDIRECTS) {
                    throw unavailable(masterUrl, uri + " redirected more than " + MAX_REDIRECTS + " times");
                }
                current = resolve(current, location.get(), masterUrl);
                continue;
            }
            if (status != 200) {
                throw unavailable(masterUrl, current + " answered HTTP " + status);
            }
            return response.body();
        }
    }

    private static URI resolve(URI from, String location, String masterUrl) {
        URI next;
        try {
            next = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw invalid(masterUrl, from + " redirected to an invalid URL");
        }
        if (!EventRules.isHttpUrl(next.toString())) {
            throw invalid(masterUrl, from + " redirected to " + next + ", which is not an http(s) URL");
        }
        return next;
    }

    private void refuseInternal(URI uri, String masterUrl) {
        if (allowPrivateAddresses) {
            return;
        }
        String host = uri.getHost();
        if (host == null) {
            throw invalid(masterUrl, uri + " has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw unavailable(masterUrl, uri + " names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                throw unavailable(masterUrl, uri + " resolves to " + address.getHostAddress()
                        + ", an internal address (reveal.media.allow-private-addresses=true allows it)");
            }
        }
    }

    /** Loopback, RFC 1918, link-local (cloud metadata), any-local, multicast, carrier-grade NAT, IPv6 unique-local. */
    static boolean isInternal(InetAddress a) {
        byte[] b = a.getAddress();
        return a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()
                || (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64)
                || (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc);
    }

    private HttpResponse<byte[]> get(URI uri, String masterUrl, long cap) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET()
                .header("Accept", "application/vnd.apple.mpegurl, application/x-mpegurl, */*").build();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request, info -> new CappedBody(cap));
        HttpResponse<byte[]> response;
        try {
            // the request timeout covers the headers only; this deadline also covers a body that trickles in
            response = call.get(requestTimeout.toMillis() + 250, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw unavailable(masterUrl, uri + " did not answer within " + requestTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(masterUrl, "interrupted while fetching " + uri);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TooLarge) {
                throw invalid(masterUrl, uri + " is larger than " + cap + " bytes");
            }
            String reason = cause instanceof java.net.http.HttpTimeoutException
                    ? "did not answer within " + requestTimeout.toMillis() + " ms"
                    : cause instanceof java.net.ConnectException ? "connection refused or unreachable"
                    : cause.getClass().getSimpleName() + (cause.getMessage() != null ? ": " + cause.getMessage() : "");
            throw unavailable(masterUrl, uri + " " + reason);
        }
        return response;
    }

    private interface ParseStep<T> {
        T run() throws Exception;
    }

    private static <T> T parse(String masterUrl, ParseStep<T> step) {
        try {
            return step.run();
        } catch (Exception e) {
            throw invalid(masterUrl, "the playlist cannot be parsed: " + e.getMessage());
        }
    }

    static Refusal unavailable(String url, String reason) {
        return new Refusal(Refusal.Kind.RULE_BROKEN, "MEDIA_UNAVAILABLE",
                "media " + url + " could not be fetched: " + reason, Map.of("url", url, "reason", reason));
    }

    static Refusal invalid(String url, String reason) {
        return new Refusal(Refusal.Kind.RULE_BROKEN, "MEDIA_INVALID",
                "media " + url + " is not a usable HLS playlist: " + reason, Map.of("url", url, "reason", reason));
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** Collects the body but gives up (and cancels the download) past the size cap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final long cap;
        private Flow.Subscription subscription;

        CappedBody(long cap) {
            this.cap = cap;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (out.size() + (long) b.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
