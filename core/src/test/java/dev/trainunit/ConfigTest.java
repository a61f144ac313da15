package dev.trainunit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfigTest {

  private static final String JSON =
      "{\"lr\": 0.01, \"layers\": 3, \"name\": \"mlp\", \"decay\": true, \"big\": 3000000000,"
          + " \"whole\": 2.0, \"sizes\": [8, 16], \"opt\": {\"beta\": 0.9, \"nested\": {\"eps\": 1e-8}}}";

  @Test
  void parsesJsonObjectAndReadsTypedValues() {
    Config c = Config.parse(JSON);

    assertThat(c.getDouble("lr")).isEqualTo(0.01);
    assertThat(c.getInt("layers")).isEqualTo(3);
    assertThat(c.getLong("big")).isEqualTo(3_000_000_000L);
    assertThat(c.getString("name")).isEqualTo("mlp");
    assertThat(c.getBoolean("decay")).isTrue();
    assertThat(c.getDouble("layers")).isEqualTo(3.0);
    assertThat(c.getInt("whole")).as("a double without a fraction is a valid int").isEqualTo(2);
    assertThat(c.getIntArray("sizes")).containsExactly(8, 16);
    assertThat(c.getList("sizes")).containsExactly(8, 16);
    assertThat(c.getMap("opt").getDouble("beta")).isEqualTo(0.9);
    assertThat(c.getMap("opt").getMap("nested").getDouble("eps")).isEqualTo(1e-8);
    assertThat(c.keySet())
        .containsExactly("lr", "layers", "name", "decay", "big", "whole", "sizes", "opt");
    assertThat(c.size()).isEqualTo(8);
  }

  @Test
  void defaultsApplyOnlyToMissingKeys() {
    Config c = Config.parse("{\"lr\": 0.5, \"none\": null}");

    assertThat(c.getDouble("lr", 0.1)).isEqualTo(0.5);
    assertThat(c.getDouble("momentum", 0.9)).isEqualTo(0.9);
    assertThat(c.getLong("epochs", 7L)).isEqualTo(7L);
    assertThat(c.getInt("layers", 2)).isEqualTo(2);
    assertThat(c.getString("act", "relu")).isEqualTo("relu");
    assertThat(c.getBoolean("decay", true)).isTrue();
    assertThat(c.getInt("none", 4)).as("a JSON null counts as missing").isEqualTo(4);
    assertThat(Config.empty().isEmpty()).isTrue();
  }

  @Test
  void wrongTypeNamesKeyExpectedTypeAndValue() {
    Config c = Config.parse(JSON);

    assertThatThrownBy(() -> c.getDouble("name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'name'")
        .hasMessageContaining("a number")
        .hasMessageContaining("mlp");
    assertThatThrownBy(() -> c.getInt("lr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'lr'")
        .hasMessageContaining("an integer");
    assertThatThrownBy(() -> c.getInt("big"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'big'")
        .hasMessageContaining("an int");
    assertThatThrownBy(() -> c.getString("layers", "x"))
        .as("a default does not hide a wrong type")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'layers'")
        .hasMessageContaining("a string");
    assertThatThrownBy(() -> c.getBoolean("name"))
        .hasMessageContaining("'name'")
        .hasMessageContaining("a boolean");
    assertThatThrownBy(() -> c.getList("opt"))
        .hasMessageContaining("'opt'")
        .hasMessageContaining("a list");
    assertThatThrownBy(() -> c.getMap("sizes"))
        .hasMessageContaining("'sizes'")
        .hasMessageContaining("an object");
  }

  @Test
  void missingKeyNamesKeyAndListsTheKeysPresent() {
    Config c = Config.parse("{\"lr\": 0.1}");

    assertThatThrownBy(() -> c.getDouble("momentum"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'momentum'")
        .hasMessageContaining("[lr]");
    assertThatThrownBy(() -> c.getString("name")).hasMessageContaining("'name'");
    assertThatThrownBy(() -> c.getDoubleArray("w")).hasMessageContaining("'w'");
  }

  @Test
  void withReturnsModifiedCopyAndLeavesOriginal() {
    Config base = Config.parse("{\"lr\": 0.1, \"layers\": 2}");

    Config changed = base.with("lr", 0.2).with("act", "tanh");

    assertThat(changed.getDouble("lr")).isEqualTo(0.2);
    assertThat(changed.getString("act")).isEqualTo("tanh");
    assertThat(changed.getInt("layers")).isEqualTo(2);
    assertThat(changed.keySet()).containsExactly("lr", "layers", "act");
    assertThat(base.getDouble("lr")).isEqualTo(0.1);
    assertThat(base.containsKey("act")).isFalse();
    assertThat(base).isNotEqualTo(changed).isEqualTo(Config.parse("{\"layers\": 2, \"lr\": 0.1}"));
  }

  @Test
  void isDeeplyImmutable() {
    List<Object> sizes = new ArrayList<>(List.of(1, 2));
    Map<String, Object> opt = new HashMap<>(Map.of("beta", 0.9));
    Map<String, Object> source = new HashMap<>(Map.of("sizes", sizes, "opt", opt));
    double[] weights = {1.0, 2.0};
    source.put("weights", weights);

    Config c = Config.of(source);
    sizes.add(3);
    opt.put("beta", 0.1);
    source.put("lr", 1.0);
    weights[0] = 99;

    assertThat(c.getIntArray("sizes")).containsExactly(1, 2);
    assertThat(c.getMap("opt").getDouble("beta")).isEqualTo(0.9);
    assertThat(c.containsKey("lr")).isFalse();
    assertThat(c.getDoubleArray("weights")).containsExactly(1.0, 2.0);

    assertThatThrownBy(() -> c.asMap().put("x", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> nested = (Map<String, Object>) c.asMap().get("opt");
    assertThatThrownBy(() -> nested.put("beta", 0.0))
        .isInstanceOf(UnsupportedOperationException.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) c.get("sizes");
    assertThatThrownBy(() -> list.add(4)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.getList("sizes").set(0, 5))
        .isInstanceOf(UnsupportedOperationException.class);
    double[] copy = c.getDoubleArray("weights");
    copy[1] = -1;
    assertThat(c.getDoubleArray("weights")).containsExactly(1.0, 2.0);
  }

  @Test
  void arraysOfAnyKindAreCopiedNotShared() {
    String[] names = {"a", "b"};
    float[] scales = {0.5f, 2f};
    Config c = Config.of(Map.of("names", names, "scales", scales));

    names[0] = "changed";
    scales[0] = 9f;

    assertThat(c.getList("names")).containsExactly("a", "b");
    assertThat(c.getDoubleArray("scales")).containsExactly(0.5, 2.0);
    assertThatThrownBy(() -> c.getList("names").set(0, "x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void valuesThatAreNotJsonShapedAreRefused() {
    assertThatThrownBy(() -> Config.of(Map.of("opt", Map.of("rng", new Random()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("opt.rng");
  }

  @Test
  void malformedJsonQuotesTextAndGivesLineAndColumn() {
    String text = "{\"lr\": 0.1,\n  \"layers\": }";

    assertThatThrownBy(() -> Config.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text)
        .hasMessageContaining("line 2")
        .hasMessageContaining("column 13");
  }

  @Test
  void jsonThatIsNotAnObjectIsRefusedClearly() {
    assertThatThrownBy(() -> Config.parse("[1, 2]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1, 2]")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> Config.parse("{} {}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{} {}");
    assertThatThrownBy(() -> Config.parse("null"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
    assertThatThrownBy(() -> Config.parse("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void aPathValueIsRefusedByNameNotByAStackOverflow() {
    assertThatThrownBy(() -> Config.of(Map.of("data", Map.of("dir", Path.of("train")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data.dir")
        .hasMessageContaining("a Path");
  }

  @Test
  void aMapThatContainsItselfIsRefusedByNameNotByAStackOverflow() {
    Map<String, Object> loop = new HashMap<>();
    loop.put("self", loop);

    assertThatThrownBy(() -> Config.of(Map.of("model", loop)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("model.self.self")
        .hasMessageContaining("containing itself");
  }
}
