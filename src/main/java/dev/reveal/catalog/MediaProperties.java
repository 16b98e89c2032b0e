package dev.reveal.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clip ingest, reveal links and the playlist fetch. A clip beyond the limits is refused with nothing written.
 *
 * @param maxSegmentBytes       the largest segment of a clip that is ingested
 * @param maxClipBytes          the largest clip (all its segments) that is ingested
 * @param maxSegments           the most segments a clip may have
 * @param storeDir              where renditions are kept (unset: {@code <reveal.data.dir>/media})
 * @param linkTtl               how long a signed reveal link stays valid
 * @param connectTimeout        connect timeout when fetching an HLS playlist
 * @param requestTimeout        whole-response deadline per playlist fetch (master and variant each)
 * @param maxPlaylistBytes      a larger playlist is refused (MEDIA_INVALID)
 * @param allowPrivateAddresses whether playlists may be fetched from loopback, private and link-local addresses
 *                              (unset: only in development mode, {@code reveal.dev})
 */
@ConfigurationProperties("reveal.media")
record MediaProperties(
        @DefaultValue("16777216") long maxSegmentBytes,
        @DefaultValue("134217728") long maxClipBytes,
        @DefaultValue("1000") int maxSegments,
        String storeDir,
        @DefaultValue("PT15M") Duration linkTtl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("3s") Duration requestTimeout,
        @DefaultValue("1048576") long maxPlaylistBytes,
        Boolean allowPrivateAddresses) {
}
