package dev.reveal.catalog;

import dev.reveal.platform.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/** Renditions as folders under {@code reveal.media.store-dir} (default {@code <data dir>/media}). */
@Component
class FileSystemMediaStore implements MediaStore {

    static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{22}$");
    static final Pattern FILE = Pattern.compile("^[a-z0-9-]{1,32}\\.(m3u8|ts|m4s|mp4|jpg|tmpl)$");

    private final Path root;

    FileSystemMediaStore(MediaProperties media, Workspace workspace) {
        Path root = media.storeDir() != null && !media.storeDir().isBlank() ? Path.of(media.storeDir())
                : workspace.data().dir().resolve("media");
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void write(String token, Map<String, byte[]> files) {
        requireToken(token);
        Path target = root.resolve(token);
        Path staging = root.resolve(".staging-" + token);
        try {
            Files.createDirectories(staging);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (!FILE.matcher(f.getKey()).matches()) {
                    throw new IllegalArgumentException("bad media file name " + f.getKey());
                }
                Files.write(staging.resolve(f.getKey()), f.getValue());
            }
            // one rename makes the rendition appear whole
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(staging);
            throw new UncheckedIOException("cannot write rendition " + token, e);
        }
    }

    @Override
    public Optional<Resource> read(String token, String file) {
        if (!TOKEN.matcher(token).matches() || !FILE.matcher(file).matches()) {
            return Optional.empty();
        }
        Path path = root.resolve(token).resolve(file);
        return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
    }

    @Override
    public void delete(String token) {
        if (TOKEN.matcher(token).matches()) {
            deleteTree(root.resolve(token));
        }
    }

    /** How many renditions are stored (tests check that a refused ingest left none behind). */
    long count() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireToken(String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("bad rendition token");
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
