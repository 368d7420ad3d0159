using System.Linq;
using System.Text.Json;
using Pipeline.Generators.Helpers;

namespace Pipeline.Terraform.Tests;

public class JsonWriterTests
{
    [Fact]
    public void Writes_two_space_indented_json_with_newline_line_ends()
    {
        var value = new JsonObject
        {
            ["a"] = 1,
            ["b"] = JsonArray.Of("x", true, null, 9_000_000_000L),
            ["c"] = new JsonObject(),
            ["d"] = new JsonArray(),
            ["e"] = new JsonObject { ["f"] = false },
        };

        Assert.Equal(
            "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    true,\n    null,\n    9000000000\n  ],\n  \"c\": {},\n  \"d\": [],\n  \"e\": {\n    \"f\": false\n  }\n}\n",
            JsonWriter.Serialize(value));
    }

    [Fact]
    public void Setting_an_existing_key_replaces_it_in_place()
    {
        var value = new JsonObject { ["a"] = 1, ["b"] = 2 };
        value["a"] = 3;
        Assert.Equal("{\n  \"a\": 3,\n  \"b\": 2\n}\n", JsonWriter.Serialize(value));
    }

    [Fact]
    public void Escapes_every_control_character_and_round_trips()
    {
        var all = new string(Enumerable.Range(0, 0x20).Select(i => (char)i).ToArray()) + "\"\\/\u007f";
        var quoted = JsonWriter.Quote(all);
        Assert.Equal(all, JsonSerializer.Deserialize<string>(quoted));
        Assert.All(quoted, c => Assert.InRange(c, (char)0x20, (char)0x7E));
        Assert.Contains("\\u0000", quoted);
        Assert.Contains("\\u001f", quoted);
        Assert.Contains("\\n", quoted);
        Assert.Contains("\\t", quoted);
        Assert.Contains("\\\"", quoted);
        Assert.Contains("\\\\", quoted);
    }

    [Fact]
    public void Writes_non_ascii_as_unicode_escapes_so_output_is_pure_ascii()
    {
        const string text = "Zürich → 東京 😀 ı";
        var json = JsonWriter.Serialize(new JsonObject { ["k\u00e9y"] = text });
        Assert.All(json, c => Assert.True(c == '\n' || (c >= 0x20 && c <= 0x7E), $"non-ASCII char U+{(int)c:X4}"));
        Assert.Contains("\\u2192", json);
        Assert.Contains("\\ud83d\\ude00", json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(text, doc.RootElement.GetProperty("k\u00e9y").GetString());
    }

    [Fact]
    public void Rejects_unsupported_values()
    {
        Assert.Throws<System.ArgumentException>(() => JsonWriter.Serialize(new JsonObject { ["x"] = 1.5 }));
    }
}
