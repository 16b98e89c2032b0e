package dev.reveal.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clip ingest and reveal links: a clip beyond these limits is refused with nothing written; {@code storeDir} is
 * where renditions are kept (unset: {@code <reveal.data.dir>/media}); {@code linkTtl} is how long a signed reveal
 * link stays valid. A playlist fetch connects within {@code connectTimeout}, answers within {@code requestTimeout} and
 * reads at most {@code maxPlaylistBytes}; {@code allowPrivateAddresses} lets it fetch from loopback, private and
 * link-local addresses (unset: in development mode, {@code reveal.dev}, only).
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
