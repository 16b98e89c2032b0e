package dev.reveal.catalog;

import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;

/**
 * Where prepared renditions live. A rendition is a folder named by an unguessable token (128 random bits) holding
 * its files; the filesystem implementation keeps them under the data directory and the service serves them itself.
 * An S3-compatible bucket behind a CDN can take its place (docs/media.md): it holds the same files; keys never go
 * there (they stay in the database).
 */
interface MediaStore {

    /** Writes a whole rendition at once: either every file is there afterwards or none is. */
    void write(String token, Map<String, byte[]> files);

    Optional<Resource> read(String token, String file);

    /** Removes a rendition (a failed or superseded ingest); a missing one is fine. */
    void delete(String token);
}
