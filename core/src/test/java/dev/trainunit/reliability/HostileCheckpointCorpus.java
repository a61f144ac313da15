package dev.trainunit.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;
import org.apache.commons.io.file.PathUtils;

/**
 * Derives damaged and hostile variants from one valid checkpoint. Each variant is a name, a
 * mutation of a copy of the checkpoint inside a sandbox, and a regular expression the refusal's
 * message must match.
 *
 * <p>The sandbox holds, beside the checkpoint directory, sentinels placed exactly where a hostile
 * name or link would lead, holding the very bytes (and so the size and CRC32C) the manifest
 * declares: a reader that followed them would accept the checkpoint.
 */
final class HostileCheckpointCorpus {

  static final String METADATA = ".checkpoint_metadata.json";
  static final String[] FILES = {"weights.bin", "nested/optimizer.bin", "dict_checkpoint.json"};
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A damaged or hostile variant. */
  record Variant(String name, Mutation mutation, String expected) {}

  /** Changes the checkpoint at {@code s.checkpoint()}. */
  @FunctionalInterface
  interface Mutation {
    void apply(Sandbox s) throws Exception;
  }

  /** A checkpoint directory and what lies around it. */
  record Sandbox(Path root, Path checkpoint) {
    Path file(String name) {
      return checkpoint.resolve(name);
    }
  }

  private HostileCheckpointCorpus() {}

  /** Sentinels beside the checkpoint: what "../x", links and "a/../../x" would reach. */
  static void placeSentinels(Sandbox s) throws IOException {
    Files.write(s.root().resolve("x"), CorpusModel.WEIGHTS);
    Files.createDirectories(s.root().resolve("outside"));
    Files.write(s.root().resolve("outside/optimizer.bin"), CorpusModel.MOMENTS);
    Files.write(s.root().resolve("outside-weights.bin"), CorpusModel.WEIGHTS);
    Files.copy(s.file(METADATA), s.root().resolve("metadata-copy.json"));
    HostileCheckpointTest.copyTree(s.checkpoint(), s.root().resolve("intact-copy"));
  }

  static List<Variant> generate(Path template) throws IOException {
    List<Variant> v = new ArrayList<>();
    byte[] metadata = Files.readAllBytes(template.resolve(METADATA));

    // Truncated files: each file at several lengths.
    List<String> all = new ArrayList<>(Arrays.asList(FILES));
    all.add(METADATA);
    for (String f : all) {
      long size = Files.size(template.resolve(f));
      for (long len : new long[] {0, 1, size / 2, size - 1}) {
        v.add(
            new Variant(
                "truncated: " + f + " cut to " + len + " of " + size + " bytes",
                s -> truncate(s.file(f), len),
                f.equals(METADATA)
                    ? "metadata is (damaged|not a JSON object)"
                    : "truncated or was changed"));
      }
    }

    // Flipped bytes (lowest bit, so a digit stays a digit and the JSON often stays valid).
    for (String f : FILES) {
      long size = Files.size(template.resolve(f));
      for (long pos : new long[] {0, size / 2, size - 1}) {
        v.add(
            new Variant(
                "flipped: " + f + " byte " + pos, s -> flip(s.file(f), pos), "CRC32C .* damaged"));
      }
    }
    Set<Integer> positions = new LinkedHashSet<>();
    for (int i = 0; i < 16; i++) positions.add((int) ((long) i * (metadata.length - 1) / 15));
    String text = new String(metadata, StandardCharsets.UTF_8);
    for (String key :
        new String[] {
          "\"iteration\":", "\"time_total_s\":", "\"timesteps_total\":", "\"loss\":", "\"size\":"
        }) {
      positions.add(text.indexOf(key) + key.length()); // the first character of the value
    }
    for (int pos : positions) {
      v.add(
          new Variant(
              "flipped: metadata byte " + pos + " ('" + (char) metadata[pos] + "')",
              s -> flip(s.file(METADATA), pos),
              "metadata|" + METADATA));
    }

    // Missing or replaced metadata.
    v.add(
        new Variant(
            "metadata missing", s -> Files.delete(s.file(METADATA)), "metadata file is missing"));
    v.add(
        new Variant(
            "metadata is a directory",
            s -> {
              Files.delete(s.file(METADATA));
              Files.createDirectory(s.file(METADATA));
            },
            "not a regular file"));
    v.add(
        new Variant(
            "metadata is a FIFO (opening it would block)",
            s -> {
              Files.delete(s.file(METADATA));
              mkfifo(s.file(METADATA));
            },
            "not a regular file"));
    v.add(
        new Variant(
            "metadata is 17 MB",
            s -> {
              byte[] padded = Arrays.copyOf(metadata, 17 * 1024 * 1024);
              Arrays.fill(padded, metadata.length, padded.length, (byte) ' ');
              Files.write(s.file(METADATA), padded);
            },
            "more than the"));

    // Edited metadata, resealed with a correct checksum so that each check is reached on its own.
    v.add(edit("extra metadata key", m -> m.put("extra", 1), "unknown key 'extra'"));
    for (String key :
        new String[] {
          "format_version",
          "iteration",
          "time_total_s",
          "timesteps_total",
          "episodes_total",
          "last_result",
          "has_data",
          "files"
        }) {
      v.add(edit("metadata key removed: " + key, m -> m.remove(key), "(has no|no integer) " + key));
    }
    for (Object version : new Object[] {0, 2, 999, "1", 1.5, null}) {
      v.add(
          edit(
              "format_version " + version,
              m -> m.putPOJO("format_version", version),
              "format.version"));
    }
    v.add(edit("iteration -1", m -> m.put("iteration", -1), "negative"));
    v.add(
        edit(
            "iteration \"3\"",
            m -> m.put("iteration", "3"),
            "iteration is missing or not an integer"));
    v.add(edit("time_total_s NaN", m -> m.put("time_total_s", Double.NaN), "time_total_s"));
    v.add(
        edit(
            "time_total_s Infinity",
            m -> m.put("time_total_s", Double.POSITIVE_INFINITY),
            "time_total_s"));
    v.add(
        edit("timesteps_total \"many\"", m -> m.put("timesteps_total", "many"), "timesteps_total"));
    v.add(edit("last_result an array", m -> m.putArray("last_result"), "last_result"));
    v.add(edit("has_data \"yes\"", m -> m.put("has_data", "yes"), "has_data"));
    v.add(edit("files an array", m -> m.putArray("files"), "no files manifest"));
    v.add(
        edit(
            "manifest entry not an object",
            m -> files(m).put("weights.bin", 4096),
            "not an object"));
    v.add(
        edit(
            "manifest entry extra key",
            m -> entry(m, "weights.bin").put("mode", "0777"),
            "unknown key 'mode'"));
    for (Object streamed : new Object[] {false, "true", 1}) {
      v.add(
          edit(
              "manifest streamed " + streamed,
              m -> entry(m, "weights.bin").putPOJO("streamed", streamed),
              "streamed member save\\(\\) never writes"));
    }
    v.add(
        edit(
            "manifest streamed without a crc32c",
            m -> {
              entry(m, "weights.bin").remove("crc32c");
              entry(m, "weights.bin").put("streamed", true);
            },
            "streamed member save\\(\\) never writes"));
    v.add(
        edit(
            "manifest crc32c a number",
            m -> entry(m, "weights.bin").put("crc32c", 12345678),
            "crc32c"));
    v.add(
        edit(
            "manifest crc32c not hex",
            m -> entry(m, "weights.bin").put("crc32c", "zzzzzzzz"),
            "crc32c"));
    v.add(
        edit(
            "manifest crc32c of other bytes",
            m -> entry(m, "weights.bin").put("crc32c", "00000000"),
            "CRC32C"));
    v.add(
        edit(
            "has_data but the map is not listed",
            m -> files(m).remove("dict_checkpoint.json"),
            "not listed in the manifest"));
    v.add(
        new Variant(
            "duplicate key iteration",
            s -> {
              String t = unsealed(s).replaceFirst("\\{", "{\"iteration\":999999,");
              Files.write(s.file(METADATA), seal(t.getBytes(StandardCharsets.UTF_8)));
            },
            "Duplicate field 'iteration'"));
    v.add(
        new Variant(
            "edited without resealing: iteration changed",
            s -> {
              String t =
                  Files.readString(s.file(METADATA))
                      .replaceFirst("\"iteration\":(\\d+)", "\"iteration\":4$1");
              Files.writeString(s.file(METADATA), t);
            },
            "metadata has CRC32C"));
    v.add(
        new Variant(
            "edited without resealing: checksum member renamed",
            s -> {
              String t =
                  Files.readString(s.file(METADATA)).replace("metadata_crc32c", "metadata_crc32d");
              Files.writeString(s.file(METADATA), t);
            },
            "unknown key 'metadata_crc32d'"));

    // Sizes the checkpoint declares but cannot have.
    for (Object size :
        new Object[] {
          1L << 62, Long.MAX_VALUE, -1, 1e30, "4096", new BigInteger("99999999999999999999999")
        }) {
      v.add(
          edit(
              "declared size " + size,
              m -> entry(m, "weights.bin").putPOJO("size", size),
              "(bytes but was saved with|no valid size)"));
    }

    // Manifest names that escape the directory or are not plain paths. Where they would lead
    // lies a file with the declared bytes.
    for (String name :
        new String[] {
          "../x",
          "/etc/passwd",
          "a/../../x",
          "nested/../../x",
          "..\\x",
          "nested\\optimizer.bin",
          "./weights.bin",
          "",
          "C:/x",
          "nested//optimizer.bin",
          "x\u0000y",
          "nested/",
          METADATA,
          ".."
        }) {
      v.add(
          edit(
              "manifest names '" + name.replace("\u0000", "\\0") + "'",
              m -> {
                ObjectNode e = files(m).putObject(name);
                e.put("size", CorpusModel.WEIGHTS.length);
                e.put("crc32c", crc32c(CorpusModel.WEIGHTS));
              },
              "not a plain path inside the checkpoint directory"));
    }

    // Links and special files inside the checkpoint, each to bytes that would pass the manifest.
    v.add(
        new Variant(
            "weights.bin is a symlink to an identical file outside",
            s -> {
              Files.delete(s.file("weights.bin"));
              Files.createSymbolicLink(
                  s.file("weights.bin"), s.root().resolve("outside-weights.bin"));
            },
            "symbolic link"));
    v.add(
        new Variant(
            "nested/ is a symlink to an identical directory outside",
            s -> {
              PathUtils.deleteDirectory(s.file("nested"));
              Files.createSymbolicLink(s.file("nested"), s.root().resolve("outside"));
            },
            "symbolic link"));
    v.add(
        new Variant(
            "metadata is a symlink to an identical file outside",
            s -> {
              Files.delete(s.file(METADATA));
              Files.createSymbolicLink(s.file(METADATA), s.root().resolve("metadata-copy.json"));
            },
            "not a regular file"));
    v.add(
        new Variant(
            "unlisted symlink to /etc",
            s -> Files.createSymbolicLink(s.file("etc"), Path.of("/etc")),
            "symbolic link"));
    v.add(
        new Variant(
            "dangling symlink",
            s -> Files.createSymbolicLink(s.file("gone"), s.root().resolve("nowhere")),
            "symbolic link"));
    v.add(
        new Variant(
            "checkpoint directory is a symlink to an intact checkpoint",
            s -> {
              PathUtils.deleteDirectory(s.checkpoint());
              Files.createSymbolicLink(s.checkpoint(), s.root().resolve("intact-copy"));
            },
            "is not a directory"));
    v.add(
        new Variant(
            "weights.bin is a FIFO",
            s -> {
              Files.delete(s.file("weights.bin"));
              mkfifo(s.file("weights.bin"));
            },
            "special file"));

    // Files added or removed after save().
    for (String extra :
        new String[] {"extra.bin", "nested/extra.bin", ".hidden", "newdir/deeper/file"}) {
      v.add(
          new Variant(
              "extra unlisted file " + extra,
              s -> {
                Files.createDirectories(s.file(extra).getParent());
                Files.write(s.file(extra), new byte[] {1, 2, 3});
              },
              "not listed in the manifest"));
    }
    for (String f : FILES) {
      v.add(
          new Variant(
              "listed file deleted: " + f,
              s -> Files.delete(s.file(f)),
              "listed in the manifest but missing"));
    }
    v.add(
        new Variant(
            "checkpoint directory missing",
            s -> PathUtils.deleteDirectory(s.checkpoint()),
            "does not exist"));
    v.add(
        new Variant(
            "checkpoint path is a regular file",
            s -> {
              PathUtils.deleteDirectory(s.checkpoint());
              Files.write(s.checkpoint(), metadata);
            },
            "is not a directory"));

    // Deeply nested JSON, in the metadata and in the stored map (with a manifest that matches it).
    v.add(
        edit(
            "last_result nested 100000 deep",
            m -> {},
            "nesting depth",
            t ->
                t.replace(
                    "\"last_result\":{",
                    "\"last_result\":{\"deep\":"
                        + "[".repeat(100_000)
                        + "]".repeat(100_000)
                        + ",")));
    v.add(
        new Variant(
            "stored map nested 100000 deep (manifest resealed to match)",
            s -> {
              byte[] deep =
                  ("{\"w\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                      .getBytes(StandardCharsets.UTF_8);
              Files.write(s.file("dict_checkpoint.json"), deep);
              rewrite(
                  s,
                  m -> {
                    ObjectNode e = entry(m, "dict_checkpoint.json");
                    e.put("size", deep.length);
                    e.put("crc32c", crc32c(deep));
                  },
                  t -> t);
            },
            "nesting depth"));
    return v;
  }

  private static Variant edit(String name, Consumer<ObjectNode> change, String expected) {
    return edit(name, change, expected, t -> t);
  }

  private static Variant edit(
      String name, Consumer<ObjectNode> change, String expected, UnaryOperator<String> textChange) {
    return new Variant("edited (resealed): " + name, s -> rewrite(s, change, textChange), expected);
  }

  /** Parses the metadata, applies the change, and writes it back sealed as save() seals it. */
  private static void rewrite(
      Sandbox s, Consumer<ObjectNode> change, UnaryOperator<String> textChange) throws IOException {
    ObjectNode m = (ObjectNode) JSON.readTree(unsealed(s));
    change.accept(m);
    String text = textChange.apply(JSON.writeValueAsString(m));
    Files.write(s.file(METADATA), seal(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** The metadata without its checksum member. */
  private static String unsealed(Sandbox s) throws IOException {
    String t = Files.readString(s.file(METADATA));
    return t.replaceFirst(",\"metadata_crc32c\":\"[0-9a-f]{8}\"}$", "}");
  }

  /** As save() seals the metadata: its CRC32C appended as the last member. */
  static byte[] seal(byte[] body) {
    String trailer = ",\"metadata_crc32c\":\"" + crc32c(body) + "\"}";
    byte[] out = Arrays.copyOf(body, body.length - 1 + trailer.length());
    System.arraycopy(
        trailer.getBytes(StandardCharsets.US_ASCII), 0, out, body.length - 1, trailer.length());
    return out;
  }

  static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return String.format("%08x", crc.getValue());
  }

  private static ObjectNode files(ObjectNode m) {
    return (ObjectNode) m.get("files");
  }

  private static ObjectNode entry(ObjectNode m, String name) {
    JsonNode e = files(m).get(name);
    return (ObjectNode) e;
  }

  private static void truncate(Path file, long length) throws IOException {
    byte[] b = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(b, (int) length));
  }

  private static void flip(Path file, long position) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[(int) position] ^= 1;
    Files.write(file, b);
  }

  private static void mkfifo(Path path) throws IOException {
    try {
      Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
      if (p.waitFor() != 0) throw new IOException("mkfifo failed for " + path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
