package minsheng.kb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Text vectors on disk, content-addressed: each record is the SHA-256 of the text and its vector, appended.
 * A text embedded once is never embedded again by anything that shares the file (the service across restarts
 * and index rebuilds, the tests across their many fresh services). A record cut short by a crash is ignored.
 * One instance per file and JVM.
 */
final class VectorFile {
  private static final Logger log = LoggerFactory.getLogger(VectorFile.class);
  private static final int HASH_BYTES = 32;
  private static final Map<Path, VectorFile> OPEN = new ConcurrentHashMap<>();

  private final Path path;
  private final int dimensions;
  private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

  private VectorFile(Path path, int dimensions) {
    this.path = path;
    this.dimensions = dimensions;
  }

  static VectorFile open(Path path, int dimensions) {
    return OPEN.computeIfAbsent(path.toAbsolutePath().normalize(), p -> {
      VectorFile f = new VectorFile(p, dimensions);
      f.read();
      return f;
    });
  }

  private int recordBytes() {
    return HASH_BYTES + 4 * dimensions;
  }

  private void read() {
    if (!Files.exists(path)) {
      return;
    }
    try {
      byte[] all = Files.readAllBytes(path);
      ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
      while (b.remaining() >= recordBytes()) {
        byte[] hash = new byte[HASH_BYTES];
        b.get(hash);
        float[] v = new float[dimensions];
        b.asFloatBuffer().get(v);
        b.position(b.position() + 4 * dimensions);
        vectors.put(HexFormat.of().formatHex(hash), v);
      }
      log.info("embeddings: {} vectors read from {}", vectors.size(), path);
    } catch (IOException e) {
      log.warn("embeddings: cannot read {} ({}); texts will be embedded again", path, e.toString());
    }
  }

  Optional<float[]> get(String text) {
    return Optional.ofNullable(vectors.get(key(text)));
  }

  synchronized void putAll(List<String> texts, List<float[]> vs) {
    ByteBuffer b = ByteBuffer.allocate(recordBytes() * texts.size()).order(ByteOrder.LITTLE_ENDIAN);
    int added = 0;
    for (int i = 0; i < texts.size(); i++) {
      String key = key(texts.get(i));
      if (vectors.putIfAbsent(key, vs.get(i)) == null) {
        b.put(HexFormat.of().parseHex(key));
        for (float x : vs.get(i)) {
          b.putFloat(x);
        }
        added++;
      }
    }
    if (added == 0) {
      return;
    }
    b.flip();
    try {
      Files.createDirectories(path.getParent());
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
    } catch (IOException e) {
      // The vectors are still in memory and in the index; only a later rebuild would embed them again.
      log.warn("embeddings: cannot append to {}: {}", path, e.toString());
    }
  }

  private static String key(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
