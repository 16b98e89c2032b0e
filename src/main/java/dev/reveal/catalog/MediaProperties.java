package dev.reveal.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clip ingest and reveal links: a clip beyond these limits is refused with nothing written; {@code storeDir} is
 * where renditions are kept (unset: {@code <reveal.data.dir>/media}); {@code linkTtl} is how long a signed reveal
 * link stays valid. (The playlist fetch's own settings, {@code connect-timeout}, {@code request-timeout},
 * {@code max-playlist-bytes} and {@code allow-private-addresses}, are still read by HlsProbe itself.)
 */
@ConfigurationProperties("reveal.media")
record MediaProperties(
        @DefaultValue("16777216") long maxSegmentBytes,
        @DefaultValue("134217728") long maxClipBytes,
        @DefaultValue("1000") int maxSegments,
        String storeDir,
        @DefaultValue("PT15M") Duration linkTtl) {
}
