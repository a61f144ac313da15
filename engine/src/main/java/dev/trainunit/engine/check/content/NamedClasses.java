package dev.trainunit.engine.check.content;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The classes whose static fields could hold a trainable instance: the trainable's own classes (its
 * class, its superclasses and every class of the same origin their code names, transitively) and
 * the library classes their code names directly. Read from the constant pools of the own classes'
 * class files, since the JVM has no public list of the classes it loaded.
 *
 * <p>A registry the trainable adds itself to is named there: {@code Registry.add(this)} puts {@code
 * Registry} in the constant pool of the class that calls it. A library's registry that only the
 * library's code names is not found (the library's own classes are not read).
 */
final class NamedClasses {

  /** The most own classes read: a bound on the work, not a limit any real trainable reaches. */
  static final int MAX_OWN = 2_000;

  private static final int CONSTANT_UTF8 = 1;
  private static final int CONSTANT_CLASS = 7;

  private NamedClasses() {}

  /**
   * The own classes of {@code trainable}, then the other classes they name; neither the JDK's nor
   * classes that cannot be loaded (an optional dependency that is absent holds nothing).
   */
  static List<Class<?>> of(Class<?> trainable) {
    ClassOrigins origins = ClassOrigins.of(trainable);
    Set<Class<?>> own = new LinkedHashSet<>();
    Set<Class<?>> named = new LinkedHashSet<>();
    Deque<Class<?>> toRead = new ArrayDeque<>();
    for (Class<?> c = trainable; c != null && origins.isOwn(c); c = c.getSuperclass()) {
      if (own.add(c)) toRead.add(c);
    }
    while (!toRead.isEmpty() && own.size() <= MAX_OWN) {
      Class<?> c = toRead.poll();
      for (String name : classNames(c)) {
        Class<?> n = load(name, c.getClassLoader());
        if (n == null || ClassOrigins.isJdk(n)) continue;
        if (origins.isOwn(n)) {
          if (own.add(n)) toRead.add(n);
        } else {
          named.add(n);
        }
      }
    }
    List<Class<?>> all = new ArrayList<>(own);
    all.addAll(named);
    return all;
  }

  /**
   * The binary names of the classes in the constant pool of {@code c}'s class file (array types by
   * their element type); none when the class file cannot be read (a class defined at run time).
   */
  static Set<String> classNames(Class<?> c) {
    ClassLoader loader = c.getClassLoader();
    if (loader == null) return Set.of();
    try (InputStream in = loader.getResourceAsStream(c.getName().replace('.', '/') + ".class")) {
      return in == null ? Set.of() : constantPoolClasses(new DataInputStream(in));
    } catch (IOException e) {
      // A class file that cannot be read names nothing we can search; the search says how many
      // classes it read, so a short list shows.
      return Set.of();
    }
  }

  private static Set<String> constantPoolClasses(DataInputStream in) throws IOException {
    if (in.readInt() != 0xCAFEBABE) return Set.of();
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    List<Integer> classNameIndexes = new ArrayList<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case CONSTANT_UTF8 -> utf8[i] = in.readUTF();
        case CONSTANT_CLASS -> classNameIndexes.add(in.readUnsignedShort());
        case 8, 16, 19, 20 -> in.skipNBytes(2); // String, MethodType, Module, Package
        case 15 -> in.skipNBytes(3); // MethodHandle
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4); // numbers, refs, NameAndType, dynamic
        case 5, 6 -> { // Long, Double: eight bytes, two slots
          in.skipNBytes(8);
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    Set<String> names = new LinkedHashSet<>();
    for (int index : classNameIndexes) {
      String name = elementType(utf8[index]);
      if (name != null) names.add(name.replace('/', '.'));
    }
    return names;
  }

  /** {@code a/b/C} for {@code a/b/C} and {@code [[La/b/C;}; null for an array of primitives. */
  private static String elementType(String internalName) {
    if (internalName == null || !internalName.startsWith("[")) return internalName;
    String element = internalName.replaceFirst("^\\[+", "");
    return element.startsWith("L") && element.endsWith(";")
        ? element.substring(1, element.length() - 1)
        : null;
  }

  /**
   * The class, loaded but not initialized; null when it cannot be loaded, which means no code ever
   * ran it, so that none of its static fields holds anything.
   */
  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
