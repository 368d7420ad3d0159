using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Runner;

/// <summary>
/// Source-generated JSON for everything the runner reads and writes (the generated plan, the local config, bookmarks,
/// the publish journal), so runs work where reflection-based serialization is off: file-based apps
/// (<c>dotnet run app.cs</c>) and trimmed or native AOT builds. Reading is lenient the way a hand-edited config needs:
/// any property-name case, comments, trailing commas, unknown properties ignored.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    WriteIndented = true)]
[JsonSerializable(typeof(LocalPlan))]
[JsonSerializable(typeof(LocalConfig))]
[JsonSerializable(typeof(BookmarkState))]
[JsonSerializable(typeof(Publisher.Journal))]
[JsonSerializable(typeof(System.Collections.Generic.Dictionary<string, string>), TypeInfoPropertyName = "DictionaryStringString")]
internal sealed partial class RunnerJson : JsonSerializerContext
{
}
