package dev.reveal.catalog;

import dev.reveal.platform.Refusal;
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

    ClipIngest(HlsProbe hls, MediaProperties media) {
        this.hls = hls;
        this.maxSegmentBytes = media.maxSegmentBytes();
        this.maxClipBytes = media.maxClipBytes();
        this.maxSegments = media.maxSegments();
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
        String previewToken = HlsCrypto.token();
        String revealToken = HlsCrypto.token();
        List<String> previewNames = names("p", cut, ext);
        Map<String, byte[]> previewFiles = files("preview.m3u8",
                playlist(target, init != null, segments, previewNames, cut, null), init, previewNames, bytes.subList(0, cut),
                null, null);
        if (poster != null) {
            previewFiles.put(POSTER, poster);
        }
        // the reveal playlist runs the whole clip: the preview's clear segments, then the key, then the encrypted
        // rest, so both renditions share the clip's timeline; only the rest is stored (encrypted) with it
        List<String> revealNames = new ArrayList<>(previewNames.stream().map(n -> "../" + previewToken + "/" + n).toList());
        List<String> sealedNames = names("r", segments.size() - cut, ext);
        revealNames.addAll(sealedNames);
        String keyLine = "#EXT-X-KEY:METHOD=AES-128,URI=\"" + HlsCrypto.KEY_URI_PLACEHOLDER + "\",IV=" + HlsCrypto.hex(iv);
        Map<String, byte[]> revealFiles = files(HlsCrypto.REVEAL_TEMPLATE,
                playlist(target, init != null, segments, revealNames, cut, keyLine), init, sealedNames,
                bytes.subList(cut, bytes.size()), key, iv);
        return new PreparedClip(found.durationMs(), new Rendition(previewToken, "preview.m3u8", previewFiles),
                new Rendition(revealToken, "reveal.m3u8", revealFiles), key, iv, boundaries(segments)[cut]);
    }

    private static Map<String, byte[]> files(String playlistName, String playlist, byte[] init, List<String> names,
                                             List<byte[]> segments, byte[] key, byte[] iv) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(playlistName, playlist.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (init != null) {
            files.put("init.mp4", init);
        }
        for (int i = 0; i < segments.size(); i++) {
            byte[] b = segments.get(i);
            files.put(names.get(i), key == null ? b : HlsCrypto.encrypt(b, key, iv));
        }
        return files;
    }

    private static List<String> names(String prefix, int count, String ext) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(String.format("%s%03d%s", prefix, i, ext));
        }
        return names;
    }

    /**
     * A VOD playlist of {@code names} with the source's durations. The init section is declared before the key, so it
     * stays clear (codec setup, no picture); the key line, when given, comes before segment {@code keyFrom}.
     */
    private static String playlist(int target, boolean init, List<MediaSegment> segments, List<String> names, int keyFrom,
                                   String keyLine) {
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:").append(target)
                .append("\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        if (init) {
            p.append("#EXT-X-MAP:URI=\"init.mp4\"\n");
        }
        for (int i = 0; i < names.size(); i++) {
            MediaSegment s = segments.get(i);
            if (i == keyFrom && keyLine != null) {
                p.append(keyLine).append('\n');
            }
            if (i > 0 && s.discontinuity()) {
                p.append("#EXT-X-DISCONTINUITY\n");
            }
            p.append("#EXTINF:").append(java.math.BigDecimal.valueOf(s.duration()).toPlainString()).append(",\n")
                    .append(names.get(i)).append('\n');
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
        throw new Refusal(Refusal.Kind.RULE_BROKEN, "MEDIA_CUT_NOT_ON_SEGMENT_BOUNDARY",
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
