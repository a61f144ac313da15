package dev.trainunit.engine.check.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trainunit.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apiguardian.api.API;

/**
 * Compares two versions of one checkpoint file by what they hold, in the formats real ML libraries
 * write: a zip or jar (DL4J's {@code ModelSerializer}, Tribuo, DJL archives) entry by entry,
 * ignoring each entry's time, extra fields and compression; a Java serialization stream (Weka,
 * Smile, Encog, Commons Math) as the object graphs it holds, compared by {@link ObjectGraphs}; JSON
 * as trees (member order ignored). Anything else, or a file that does not read in the format its
 * first bytes claim, is compared byte by byte.
 *
 * <p>Two files are told apart only when the state they hold differs: a format that lays out the
 * same state differently on each save (a {@code HashMap}'s table size, a zip entry's time) is no
 * difference.
 */
@API(status = API.Status.INTERNAL)
public final class FileContents {

  private static final byte[] ZIP = {'P', 'K', 3, 4};
  private static final byte[] JAVA_SERIALIZATION = {(byte) 0xAC, (byte) 0xED, 0, 5};

  private final ClassLoader loader;

  /**
   * @param loader where the classes of Java-serialized state are found: the trainable's
   */
  public FileContents(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * Where the state in two versions of a file differs.
   *
   * @param location the file, the entry inside it and the place inside that, e.g. {@code
   *     model.zip!updater.bin at byte 12}
   * @param format how the file was read: "bytes", "zip", "Java serialization", "JSON"
   */
  public record Difference(String location, String format, String expected, String actual) {}

  /**
   * The first difference in state between {@code a} and {@code b}, both versions of {@code name}.
   */
  public Optional<Difference> firstDifference(String name, byte[] a, byte[] b) {
    if (Arrays.equals(a, b)) return Optional.empty();
    if (startsWith(a, ZIP) && startsWith(b, ZIP)) {
      Optional<Optional<Difference>> zip = zip(name, a, b);
      if (zip.isPresent()) return zip.get();
    }
    if (startsWith(a, JAVA_SERIALIZATION) && startsWith(b, JAVA_SERIALIZATION)) {
      Optional<Optional<Difference>> objects = javaSerialization(name, a, b);
      if (objects.isPresent()) return objects.get();
    }
    if (looksLikeJson(a) && looksLikeJson(b)) {
      Optional<Optional<Difference>> json = json(name, a, b);
      if (json.isPresent()) return json.get();
    }
    return Optional.of(bytes(name, a, b));
  }

  private static Difference bytes(String name, byte[] a, byte[] b) {
    int at = Arrays.mismatch(a, b);
    return new Difference(
        name + " at byte " + at,
        "bytes",
        a.length + " bytes" + byteAt(a, at),
        b.length + " bytes" + byteAt(b, at));
  }

  private static String byteAt(byte[] bytes, int at) {
    return at < bytes.length ? String.format(" (0x%02x there)", bytes[at] & 0xff) : " (ends there)";
  }

  /** Empty when either side is not a readable zip, so the caller compares bytes instead. */
  private Optional<Optional<Difference>> zip(String name, byte[] a, byte[] b) {
    Map<String, byte[]> ea;
    Map<String, byte[]> eb;
    try {
      ea = entries(a);
      eb = entries(b);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!ea.keySet().equals(eb.keySet())) {
      return Optional.of(
          Optional.of(
              new Difference(
                  name + " (its entries)",
                  "zip",
                  new TreeSet<>(ea.keySet()).toString(),
                  new TreeSet<>(eb.keySet()).toString())));
    }
    for (String entry : new TreeSet<>(ea.keySet())) {
      Optional<Difference> d = firstDifference(name + "!" + entry, ea.get(entry), eb.get(entry));
      if (d.isPresent()) return Optional.of(d);
    }
    return Optional.of(Optional.empty());
  }

  private static Map<String, byte[]> entries(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory() && entries.put(e.getName(), in.readAllBytes()) != null) {
          throw new IOException("duplicate entry " + e.getName());
        }
      }
    }
    return entries;
  }

  /** Empty when either side cannot be read back (a class is missing, the stream is damaged). */
  private Optional<Optional<Difference>> javaSerialization(String name, byte[] a, byte[] b) {
    List<Object> oa;
    List<Object> ob;
    try {
      oa = objects(a);
      ob = objects(b);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.of(
        ObjectGraphs.firstDifference(
                oa.size() == 1 ? oa.get(0) : oa, ob.size() == 1 ? ob.get(0) : ob, rootName(oa))
            .map(
                m ->
                    new Difference(
                        name + " at " + m.path(), "Java serialization", m.expected(), m.actual())));
  }

  private static String rootName(List<Object> objects) {
    if (objects.size() != 1) return "objects";
    return objects.get(0) == null ? "object" : objects.get(0).getClass().getSimpleName();
  }

  /** Every object written to the stream one after another, as Weka's {@code writeAll} does. */
  private List<Object> objects(byte[] bytes) throws IOException, ClassNotFoundException {
    List<Object> objects = new ArrayList<>();
    try (ObjectInputStream in =
        new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      while (true) {
        try {
          objects.add(in.readObject());
        } catch (EOFException end) {
          return objects;
        }
      }
    }
  }

  private static boolean looksLikeJson(byte[] bytes) {
    for (byte x : bytes) {
      if (x == ' ' || x == '\n' || x == '\r' || x == '\t') continue;
      return x == '{' || x == '[';
    }
    return false;
  }

  private static Optional<Optional<Difference>> json(String name, byte[] a, byte[] b) {
    JsonNode ta;
    JsonNode tb;
    try {
      ta = Json.MAPPER.readTree(a);
      tb = Json.MAPPER.readTree(b);
    } catch (IOException e) {
      return Optional.empty();
    }
    return Optional.of(
        firstJsonDifference(ta, tb, "$")
            .map(d -> new Difference(name + " at " + d[0], "JSON", d[1], d[2])));
  }

  /** {path, expected, actual} of the first difference; member order is not one. */
  private static Optional<String[]> firstJsonDifference(JsonNode a, JsonNode b, String path) {
    if (a.equals(b)) return Optional.empty();
    if (a.isObject() && b.isObject() && a.size() == b.size()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode other = b.get(e.getKey());
        if (other == null)
          return Optional.of(
              new String[] {path + "." + e.getKey(), e.getValue().toString(), "missing"});
        Optional<String[]> d = firstJsonDifference(e.getValue(), other, path + "." + e.getKey());
        if (d.isPresent()) return d;
      }
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        Optional<String[]> d = firstJsonDifference(a.get(i), b.get(i), path + "[" + i + "]");
        if (d.isPresent()) return d;
      }
    }
    return Optional.of(new String[] {path, shorten(a.toString()), shorten(b.toString())});
  }

  private static String shorten(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  /**
   * Resolves the stream's classes through the trainable's class loader, as its own loadCheckpoint
   * would.
   */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
    }
  }
}
