package dev.reveal.catalog;

import dev.reveal.platform.ProblemException;
import io.lindstrom.m3u8.model.KeyMethod;
import io.lindstrom.m3u8.model.MediaSegment;
import io.lindstrom.m3u8.model.SegmentMap;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Fetches a clip once (playlist, init section, every segment; through {@link HlsProbe}'s SSRF guard and limits) and
 * cuts it at the preview end into a clear preview rendition and an AES-128 encrypted reveal rendition. Pure Java,
 * segment boundaries only: nothing is re-encoded. Everything happens in memory; nothing is stored here.
 */
@Component
class ClipIngest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long MAX_POSTER_BYTES = 2 * 1024 * 1024;
    static final String POSTER = "poster.jpg";

    private final HlsProbe hls;
    private final long maxSegmentBytes;
    private final long maxClipBytes;
    private final int maxSegments;

    ClipIngest(HlsProbe hls, @Value("${reveal.media.max-segment-bytes:16777216}") long maxSegmentBytes,
               @Value("${reveal.media.max-clip-bytes:134217728}") long maxClipBytes,
               @Value("${reveal.media.max-segments:1000}") int maxSegments) {
        this.hls = hls;
        this.maxSegmentBytes = maxSegmentBytes;
        this.maxClipBytes = maxClipBytes;
        this.maxSegments = maxSegments;
    }

    /** A clip cut in two, ready to store: renditions as files, the reveal's key and IV, the source's duration. */
    record PreparedClip(int durationMs, Rendition preview, Rendition reveal, byte[] key, byte[] iv, int cutMs) {

        /** The poster as players load it: kept with the preview rendition. */
        String posterUrl() {
            return preview.files().containsKey(POSTER) ? "/media/" + preview.token() + "/" + POSTER : null;
        }
    }

    /** The files of one rendition under its unguessable token; {@code playlist} is the file players load. */
    record Rendition(String token, String playlist, Map<String, byte[]> files) {

        String url() {
            return "/media/" + token + "/" + playlist;
        }

        int segmentCount() {
            return (int) files.keySet().stream().filter(f -> f.endsWith(".ts") || f.endsWith(".m4s")).count();
        }
    }

    /** The source's media playlist (fetched and parsed, nothing else yet): its duration checks the windows first. */
    HlsProbe.Found probe(String sourceUrl) {
        return hls.mediaPlaylist(sourceUrl);
    }

    /**
     * Cuts the clip at {@code previewEndMs}; the poster (when given) is fetched too and kept with the preview, so
     * players load nothing from the source's origin.
     */
    PreparedClip prepare(String sourceUrl, HlsProbe.Found found, int previewEndMs, String posterUrl) {
        List<MediaSegment> segments = found.playlist().mediaSegments();
        refuseUnsupported(sourceUrl, segments);
        int cut = cutIndex(sourceUrl, segments, previewEndMs);
        Optional<SegmentMap> map = segments.get(0).segmentMap();
        long budget = maxClipBytes;
        byte[] init = null;
        if (map.isPresent()) {
            init = hls.fetchBytes(found.uri().resolve(map.get().uri()), sourceUrl, Math.min(maxSegmentBytes, budget));
            budget -= init.length;
        }
        List<byte[]> bytes = new ArrayList<>(segments.size());
        for (MediaSegment s : segments) {
            if (budget <= 0) {
                throw HlsProbe.invalid(sourceUrl, "the clip is larger than " + maxClipBytes + " bytes");
            }
            byte[] b = hls.fetchBytes(resolve(sourceUrl, found.uri(), s.uri()), sourceUrl, Math.min(maxSegmentBytes, budget));
            budget -= b.length;
            bytes.add(b);
        }
        byte[] poster = posterUrl == null ? null : hls.fetchBytes(URI.create(posterUrl), posterUrl, MAX_POSTER_BYTES);
        byte[] key = random(16);
        byte[] iv = random(16);
        String ext = init != null ? ".m4s" : ".ts";
        int target = found.playlist().targetDuration();
        Rendition preview = rendition("preview.m3u8", playlist(target, init != null, null, segments.subList(0, cut), "p", ext),
                init, bytes.subList(0, cut), "p", ext, null, null);
        String keyLine = "#EXT-X-KEY:METHOD=AES-128,URI=\"" + HlsCrypto.KEY_URI_PLACEHOLDER + "\",IV=" + HlsCrypto.hex(iv);
        Rendition reveal = rendition(HlsCrypto.REVEAL_TEMPLATE,
                playlist(target, init != null, keyLine, segments.subList(cut, segments.size()), "r", ext),
                init, bytes.subList(cut, bytes.size()), "r", ext, key, iv);
        if (poster != null) {
            preview.files().put(POSTER, poster);
        }
        return new PreparedClip(found.durationMs(), preview, new Rendition(reveal.token(), "reveal.m3u8", reveal.files()),
                key, iv, boundaries(segments)[cut]);
    }

    private static Rendition rendition(String playlistName, String playlist, byte[] init, List<byte[]> segments,
                                       String prefix, String ext, byte[] key, byte[] iv) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(playlistName, playlist.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (init != null) {
            files.put("init.mp4", init);
        }
        for (int i = 0; i < segments.size(); i++) {
            byte[] b = segments.get(i);
            files.put(name(prefix, i, ext), key == null ? b : HlsCrypto.encrypt(b, key, iv));
        }
        return new Rendition(HlsCrypto.token(), playlistName, files);
    }

    private static String name(String prefix, int i, String ext) {
        return String.format("%s%03d%s", prefix, i, ext);
    }

    /** The init section is declared before the key, so it stays clear: it holds codec setup, no picture. */
    private static String playlist(int target, boolean init, String keyLine, List<MediaSegment> segments, String prefix,
                                   String ext) {
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:").append(target)
                .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        if (init) {
            p.append("#EXT-X-MAP:URI=\"init.mp4\"\n");
        }
        if (keyLine != null) {
            p.append(keyLine).append('\n');
        }
        for (int i = 0; i < segments.size(); i++) {
            MediaSegment s = segments.get(i);
            if (i > 0 && s.discontinuity()) {
                p.append("#EXT-X-DISCONTINUITY\n");
            }
            p.append("#EXTINF:").append(java.math.BigDecimal.valueOf(s.duration()).toPlainString()).append(",\n")
                    .append(name(prefix, i, ext)).append('\n');
        }
        return p.append("#EXT-X-ENDLIST\n").toString();
    }

    private void refuseUnsupported(String url, List<MediaSegment> segments) {
        if (segments.size() > maxSegments) {
            throw HlsProbe.invalid(url, "the playlist has more than " + maxSegments + " segments");
        }
        String map = segments.get(0).segmentMap().map(SegmentMap::uri).orElse(null);
        for (MediaSegment s : segments) {
            if (s.segmentKey().isPresent() && s.segmentKey().get().method() != KeyMethod.NONE) {
                throw HlsProbe.invalid(url, "the clip is already encrypted; give the clear source");
            }
            if (s.byteRange().isPresent() || s.segmentMap().flatMap(SegmentMap::byteRange).isPresent()) {
                throw HlsProbe.invalid(url, "byte-range segments are not supported");
            }
            // the parser puts a MAP on the segment that follows it; it holds until another MAP
            if (s.segmentMap().isPresent() && !s.segmentMap().get().uri().equals(map)) {
                throw HlsProbe.invalid(url, "segments with different initialization sections are not supported");
            }
        }
    }

    /** Where the preview ends, in segments; a preview end inside a segment is refused with its neighbours. */
    private static int cutIndex(String url, List<MediaSegment> segments, int previewEndMs) {
        int[] at = boundaries(segments);
        for (int i = 1; i < at.length - 1; i++) {
            if (Math.abs(at[i] - previewEndMs) <= 1) {
                return i;
            }
        }
        int before = 0;
        int after = at[at.length - 1];
        for (int b : at) {
            if (b < previewEndMs) {
                before = b;
            } else if (b > previewEndMs) {
                after = b;
                break;
            }
        }
        throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "MEDIA_CUT_NOT_ON_SEGMENT_BOUNDARY",
                "the preview of " + url + " ends at " + previewEndMs + " ms, inside a segment: the nearest segment "
                        + "boundaries are " + before + " ms and " + after + " ms (re-segment the clip or move previewEndMs)",
                Map.of("url", url, "previewEndMs", previewEndMs, "boundaryBeforeMs", before, "boundaryAfterMs", after));
    }

    /** Segment start times in ms, and the end of the last one. */
    static int[] boundaries(List<MediaSegment> segments) {
        int[] at = new int[segments.size() + 1];
        double sum = 0;
        for (int i = 0; i < segments.size(); i++) {
            sum += segments.get(i).duration();
            at[i + 1] = (int) Math.round(sum * 1000);
        }
        return at;
    }

    private static URI resolve(String url, URI base, String segment) {
        try {
            return base.resolve(segment);
        } catch (IllegalArgumentException e) {
            throw HlsProbe.invalid(url, "segment URI " + segment + " is not a valid URI");
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
