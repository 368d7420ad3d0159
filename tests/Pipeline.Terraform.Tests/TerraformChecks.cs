using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Pipeline.Terraform.Tests;

/// <summary>
/// Checks on Terraform JSON, written as functions that return the problems they find so tests can show both that the
/// generated files are clean and that each check does catch a broken file.
/// </summary>
internal static class TerraformChecks
{
    /// <summary>Terraform meta-arguments and comment keys, valid on every resource and not in provider docs.</summary>
    private static readonly HashSet<string> MetaArguments = new(StringComparer.Ordinal) { "//", "depends_on", "count", "for_each", "provider", "lifecycle" };

    /// <summary>Arguments whose value is a map of free keys, not a nested block.</summary>
    private static readonly HashSet<string> MapArguments = new(StringComparer.Ordinal)
    {
        "tags", "default_arguments", "non_overridable_arguments", "parameters", "metadata", "arguments", "dimensions",
    };

    /// <summary>
    /// Arguments the provider has but the stored doc copy omits, with the evidence. The lifecycle doc lists
    /// <c>abort_incomplete_multipart_upload</c> without its nested section; the block's only argument,
    /// <c>days_after_initiation</c>, is what guardrails A2.12 (checkov CKV_AWS_300) and the S3 API
    /// (<c>AbortIncompleteMultipartUpload.DaysAfterInitiation</c>) require.
    /// </summary>
    private static readonly HashSet<string> KnownDocGaps = new(StringComparer.Ordinal)
    {
        "aws_s3_bucket_lifecycle_configuration:abort_incomplete_multipart_upload.days_after_initiation",
    };

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    // ---------------------------------------------------------------- provider docs

    /// <summary>Argument names documented in a provider doc's "Argument Reference" section, per (sub)section.</summary>
    internal sealed class ArgumentDoc
    {
        public Dictionary<string, HashSet<string>> Sections { get; } = new(StringComparer.Ordinal);

        public HashSet<string> All { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Top => Sections.TryGetValue("", out var top) ? top : new HashSet<string>();
    }

    private static readonly Regex ItemPattern = new(@"^\s*[*-]\s+`([^`]+)`", RegexOptions.Compiled);
    private static readonly Regex HeadingPattern = new(@"^(#{2,6})\s+(.*)$", RegexOptions.Compiled);
    private static readonly Regex BacktickPattern = new(@"`([^`]+)`", RegexOptions.Compiled);

    public static ArgumentDoc ParseArgumentReference(string markdown)
    {
        var doc = new ArgumentDoc();
        var inArguments = false;
        var sections = new List<string> { "" };
        foreach (var rawLine in markdown.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var heading = HeadingPattern.Match(line);
            if (heading.Success)
            {
                var level = heading.Groups[1].Value.Length;
                var text = heading.Groups[2].Value.Trim();
                if (level == 2)
                {
                    inArguments = text.StartsWith("Argument", StringComparison.OrdinalIgnoreCase);
                    sections = new List<string> { "" };
                    continue;
                }

                if (inArguments)
                {
                    var names = BacktickPattern.Matches(text).Select(m => m.Groups[1].Value.Trim()).ToList();
                    if (names.Count == 0)
                    {
                        var normalized = Regex.Replace(text, @"\s+(Argument Reference|Arguments?|Configuration Block)$", "", RegexOptions.IgnoreCase);
                        names.Add(normalized.Trim().ToLowerInvariant().Replace(' ', '_'));
                    }

                    sections = names;
                }

                continue;
            }

            if (!inArguments)
            {
                continue;
            }

            var item = ItemPattern.Match(line);
            if (item.Success)
            {
                var name = item.Groups[1].Value.Trim();
                doc.All.Add(name);
                foreach (var section in sections)
                {
                    if (!doc.Sections.TryGetValue(section, out var set))
                    {
                        doc.Sections[section] = set = new HashSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(name);
                }
            }
        }

        return doc;
    }

    public static string DocFile(string docsFolder, string type) =>
        Path.Combine(docsFolder, (type.StartsWith("aws_", StringComparison.Ordinal) ? type.Substring(4) : type) + ".html.markdown");

    /// <summary>Every resource/data type has a doc, and every argument and nested block name (recursively) is documented.</summary>
    /// <summary>
    /// Data sources the reference copy has no page for; their arguments are checked by Terraform itself (terraform validate
    /// in the Terraform tier, Pipeline.Terraform.Apply.Tests) against the real provider.
    /// </summary>
    private static readonly HashSet<string> DataSourcesWithoutReferenceDoc = new(StringComparer.Ordinal) { "aws_caller_identity", "aws_iam_session_context" };

    public static List<string> UndocumentedArguments(JsonObject file, string docsFolder)
    {
        var problems = new List<string>();
        foreach (var (kind, blocks) in new[] { ("resource", file["resource"] as JsonObject), ("data", file["data"] as JsonObject) })
        {
            if (blocks is null)
            {
                continue;
            }

            foreach (var (type, instances) in blocks)
            {
                var path = DocFile(docsFolder, type);
                if (!File.Exists(path) && kind == "data" && DataSourcesWithoutReferenceDoc.Contains(type))
                {
                    continue;
                }

                if (!File.Exists(path))
                {
                    problems.Add($"{kind} {type}: no provider doc {Path.GetFileName(path)}");
                    continue;
                }

                var doc = ParseArgumentReference(File.ReadAllText(path));
                foreach (var (name, body) in instances!.AsObject())
                {
                    var found = new List<string>();
                    CheckBlock(found, doc, $"{kind}.{type}.{name}", body!.AsObject(), doc.Top, isTop: true);
                    problems.AddRange(found.Where(p => !KnownDocGaps.Any(gap =>
                        gap.StartsWith(type + ":", StringComparison.Ordinal)
                        && p.Contains("." + gap.Substring(type.Length + 1).Split('.')[0] + ": argument '" + gap.Split('.').Last() + "'", StringComparison.Ordinal))));
                }
            }
        }

        return problems;
    }

    private static void CheckBlock(List<string> problems, ArgumentDoc doc, string where, JsonObject block, HashSet<string> allowed, bool isTop)
    {
        foreach (var (key, value) in block)
        {
            if (isTop && MetaArguments.Contains(key))
            {
                continue;
            }

            if (!allowed.Contains(key))
            {
                problems.Add($"{where}: argument '{key}' is not in the provider doc's Argument Reference");
                continue;
            }

            if (MapArguments.Contains(key))
            {
                continue;
            }

            var nestedAllowed = doc.Sections.TryGetValue(key, out var section) ? section : doc.All;
            if (value is JsonObject nested)
            {
                CheckBlock(problems, doc, where + "." + key, nested, nestedAllowed, isTop: false);
            }
            else if (value is JsonArray array)
            {
                foreach (var element in array.OfType<JsonObject>())
                {
                    CheckBlock(problems, doc, where + "." + key, element, nestedAllowed, isTop: false);
                }
            }
        }
    }

    // ---------------------------------------------------------------- references

    /// <summary>The expressions inside <c>${...}</c> of a Terraform JSON string (escaped <c>$${</c> skipped).</summary>
    public static List<string> Interpolations(string text)
    {
        var result = new List<string>();
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '$' && text[i + 1] == '$' && i + 2 < text.Length && text[i + 2] == '{')
            {
                i += 2;
                continue;
            }

            if (text[i] != '$' || text[i + 1] != '{')
            {
                continue;
            }

            var depth = 0;
            var start = i + 2;
            var j = i + 1;
            for (; j < text.Length; j++)
            {
                if (text[j] == '{')
                {
                    depth++;
                }
                else if (text[j] == '}' && --depth == 0)
                {
                    break;
                }
            }

            if (j >= text.Length)
            {
                result.Add("<unterminated>" + text.Substring(i));
                break;
            }

            result.Add(text.Substring(start, j - start));
            i = j;
        }

        return result;
    }

    private static readonly Regex ReferencePattern = new(@"(?<![\w.])(var|path|local|module|data\.aws_[a-z0-9_]+|aws_[a-z0-9_]+)\.([A-Za-z0-9_]+)", RegexOptions.Compiled);

    /// <summary>Addresses referenced by an expression: <c>var.x</c>, <c>aws_type.name</c>, <c>data.aws_type.name</c>, <c>path.module</c>.</summary>
    public static IEnumerable<string> References(string expression) =>
        ReferencePattern.Matches(expression).Select(m => m.Groups[1].Value + "." + m.Groups[2].Value);

    public static IEnumerable<string> Strings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    foreach (var s in Strings(value))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var s in Strings(item))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return text;
                break;
        }
    }

    /// <summary>Every resource/data address and variable declared across the files of one module.</summary>
    public static HashSet<string> Declared(IEnumerable<JsonObject> files)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal) { "path.module" };
        foreach (var file in files)
        {
            foreach (var (name, _) in file["variable"] as JsonObject ?? new JsonObject())
            {
                declared.Add("var." + name);
            }

            foreach (var (name, _) in file["locals"] as JsonObject ?? new JsonObject())
            {
                declared.Add("local." + name);
            }

            foreach (var (type, instances) in file["resource"] as JsonObject ?? new JsonObject())
            {
                foreach (var (name, _) in instances!.AsObject())
                {
                    declared.Add(type + "." + name);
                }
            }

            foreach (var (type, instances) in file["data"] as JsonObject ?? new JsonObject())
            {
                foreach (var (name, _) in instances!.AsObject())
                {
                    declared.Add("data." + type + "." + name);
                }
            }
        }

        return declared;
    }

    /// <summary>The addresses a block depends on: its interpolations and its <c>depends_on</c> entries.</summary>
    public static IEnumerable<string> Dependencies(JsonNode? block)
    {
        foreach (var text in Strings(block))
        {
            foreach (var expression in Interpolations(text))
            {
                foreach (var reference in References(expression))
                {
                    yield return reference;
                }
            }
        }

        foreach (var entry in DependsOnEntries(block))
        {
            yield return entry;
        }
    }

    /// <summary><c>depends_on</c> entries anywhere under <paramref name="node"/> (plain addresses, not templates).</summary>
    private static IEnumerable<string> DependsOnEntries(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                if (key == "depends_on" && value is JsonArray entries)
                {
                    foreach (var entry in entries)
                    {
                        yield return entry!.GetValue<string>();
                    }
                }
                else
                {
                    foreach (var entry in DependsOnEntries(value))
                    {
                        yield return entry;
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                foreach (var entry in DependsOnEntries(item))
                {
                    yield return entry;
                }
            }
        }
    }

    public static List<string> UnresolvedReferences(IReadOnlyList<JsonObject> files)
    {
        var declared = Declared(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            foreach (var text in Strings(file))
            {
                foreach (var expression in Interpolations(text))
                {
                    if (expression.StartsWith("<unterminated>", StringComparison.Ordinal))
                    {
                        problems.Add("unterminated interpolation: " + expression);
                    }
                }
            }

            foreach (var reference in Dependencies(file))
            {
                if (!declared.Contains(reference))
                {
                    problems.Add("unresolved reference: " + reference);
                }
            }
        }

        return problems;
    }

    /// <summary>Dependency cycles among resources and data sources (variables are leaves).</summary>
    public static List<string> Cycles(IReadOnlyList<JsonObject> files)
    {
        var graph = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (name, value) in file["locals"] as JsonObject ?? new JsonObject())
            {
                graph["local." + name] = Dependencies(value).Where(d => !d.StartsWith("var.", StringComparison.Ordinal) && d != "path.module").Distinct().ToList();
            }

            foreach (var (kind, prefix) in new[] { ("resource", ""), ("data", "data.") })
            {
                foreach (var (type, instances) in file[kind] as JsonObject ?? new JsonObject())
                {
                    foreach (var (name, body) in instances!.AsObject())
                    {
                        graph[prefix + type + "." + name] = Dependencies(body).Where(d => !d.StartsWith("var.", StringComparison.Ordinal) && d != "path.module").Distinct().ToList();
                    }
                }
            }
        }

        var problems = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        void Visit(string node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in graph.TryGetValue(node, out var edges) ? edges : new List<string>())
            {
                if (!state.TryGetValue(next, out var s))
                {
                    Visit(next);
                }
                else if (s == 1)
                {
                    problems.Add("cycle: " + string.Join(" -> ", stack.SkipWhile(n => n != next)) + " -> " + next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
        }

        foreach (var node in graph.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            if (!state.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return problems;
    }

    // ---------------------------------------------------------------- IAM

    public const string S3ArnPrefix = "arn:${var.aws_partition}:s3:::";

    /// <summary>Key, bucket, topic and queue policies (principals, not identity grants) end in <c>_policy</c>.</summary>
    public static bool IsResourcePolicy(string documentName) => documentName.EndsWith("_policy", StringComparison.Ordinal);

    /// <summary>
    /// Least-privilege checks on every policy document: no <c>*</c> or <c>service:*</c> (or any wildcard) action, no
    /// <c>iam:PassRole</c>, no NotAction/NotResource, <c>Resource "*"</c> only for namespace-scoped PutMetricData, and every
    /// S3 ARN one of <paramref name="allowedS3"/> (the declared source/sink/quarantine/script/temp locations).
    /// </summary>
    public static List<string> IamProblems(JsonObject file, ISet<string> allowedS3, ISet<string> allowedListPrefixes)
    {
        var problems = new List<string>();
        var documents = file["data"]?["aws_iam_policy_document"] as JsonObject;
        if (documents is null || documents.Count == 0)
        {
            problems.Add("no aws_iam_policy_document data sources");
            return problems;
        }

        foreach (var (name, document) in documents)
        {
            if (IsResourcePolicy(name))
            {
                continue;
            }

            foreach (var statement in document!["statement"]!.AsArray().Select(s => s!.AsObject()))
            {
                var sid = $"{name}/{statement["sid"]}";
                if (statement["effect"]?.GetValue<string>() != "Allow")
                {
                    problems.Add($"{sid}: effect must be Allow");
                }

                foreach (var forbidden in new[] { "not_actions", "not_resources", "not_principals" })
                {
                    if (statement[forbidden] is not null)
                    {
                        problems.Add($"{sid}: uses {forbidden}");
                    }
                }

                var actions = (statement["actions"] as JsonArray ?? new JsonArray()).Select(a => a!.GetValue<string>()).ToList();
                if (actions.Count == 0)
                {
                    problems.Add($"{sid}: no actions");
                }

                foreach (var action in actions)
                {
                    if (action.Contains('*'))
                    {
                        problems.Add($"{sid}: wildcard action {action}");
                    }

                    if (string.Equals(action, "iam:PassRole", StringComparison.OrdinalIgnoreCase))
                    {
                        problems.Add($"{sid}: iam:PassRole");
                    }
                }

                var conditions = (statement["condition"] as JsonArray ?? new JsonArray()).Select(c => c!.AsObject()).ToList();
                var resources = (statement["resources"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToList();
                if (resources is null)
                {
                    if (statement["principals"] is null)
                    {
                        problems.Add($"{sid}: neither resources nor principals");
                    }

                    continue;
                }

                foreach (var resource in resources)
                {
                    if (resource == "*")
                    {
                        var scoped = actions.All(a => a == "cloudwatch:PutMetricData")
                            && conditions.Any(c => c["variable"]?.GetValue<string>() == "cloudwatch:namespace");
                        if (!scoped)
                        {
                            problems.Add($"{sid}: Resource \"*\" outside namespace-scoped cloudwatch:PutMetricData");
                        }
                    }
                    else if (resource.StartsWith(S3ArnPrefix, StringComparison.Ordinal))
                    {
                        var rest = resource.Substring(S3ArnPrefix.Length);
                        if (!allowedS3.Contains(rest))
                        {
                            problems.Add($"{sid}: S3 resource {rest} does not trace to a declared location");
                        }
                    }
                    else if (resource.Contains(":s3:::", StringComparison.Ordinal))
                    {
                        problems.Add($"{sid}: S3 ARN without the partition variable: {resource}");
                    }
                }

                if (actions.Contains("s3:ListBucket"))
                {
                    var prefixes = conditions.Where(c => c["variable"]?.GetValue<string>() == "s3:prefix").ToList();
                    if (prefixes.Count == 0)
                    {
                        problems.Add($"{sid}: s3:ListBucket without an s3:prefix condition");
                    }

                    foreach (var value in prefixes.SelectMany(c => c["values"]!.AsArray()).Select(v => v!.GetValue<string>()))
                    {
                        if (!allowedListPrefixes.Contains(value))
                        {
                            problems.Add($"{sid}: list prefix {value} does not trace to a declared location");
                        }
                    }
                }
            }
        }

        return problems;
    }
}
