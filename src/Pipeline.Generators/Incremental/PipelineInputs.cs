using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Pipeline.Generators.Incremental;

/// <summary>
/// What one pipeline's parse can depend on, reduced to a key that is cheap to compute on every compilation, so the
/// expensive parse (binding every query lambda) runs only for a pipeline whose inputs changed: typing in one pipeline
/// re-parses that one, not all of them.
/// </summary>
/// <remarks>
/// The inputs are, by their text checksums: the files that declare the class; transitively, every file declaring a type
/// whose name appears as an identifier in one of those files (records, nested records, enums, classes of constants,
/// another pipeline read by name); every file with global using directives; and, once per compilation, the language
/// version, options and references. A parse binds only names written in these files, and a name it binds is either
/// declared in them, in a referenced assembly, or comes through a global using — so an edit anywhere else cannot change it.
/// Only syntax is read (no binding); the per-file parts are memoized per syntax tree, which an editor keeps across edits
/// for unchanged files.
/// </remarks>
internal static class PipelineInputs
{
    private static readonly ConditionalWeakTable<SyntaxTree, TreeFacts> Trees = new();
    private static readonly ConditionalWeakTable<Compilation, CompilationFacts> Compilations = new();

    /// <summary>
    /// Every class of the compilation with a <c>[GlueJob]</c>-named attribute, with its key — by syntax alone, so this
    /// costs next to nothing on an edit: the files' facts are memoized per syntax tree. The parse checks that the
    /// attribute really is Pipeline.Dsl's.
    /// </summary>
    public static ImmutableArray<PipelineInput> Scan(Compilation compilation, CancellationToken ct)
    {
        var facts = Compilations.GetValue(compilation, static c => new CompilationFacts(c));
        var inputs = ImmutableArray.CreateBuilder<PipelineInput>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var candidates = Facts(tree, ct).PipelineClasses(facts.GlueJobAliases);
            if (candidates.Length == 0)
            {
                continue;
            }

            var key = SafeKey(tree, facts, ct);
            foreach (var span in candidates)
            {
                inputs.Add(new PipelineInput(key, tree, span, compilation));
            }
        }

        return inputs.ToImmutable();
    }

    private static long _uncacheable;

    /// <summary>
    /// The key, or — should computing it ever fail — one that equals no other, so the pipeline is parsed on every run
    /// (slower, never wrong, never missing).
    /// </summary>
    private static string SafeKey(SyntaxTree tree, CompilationFacts facts, CancellationToken ct)
    {
        try
        {
            return Key(tree, facts, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return "uncacheable " + Interlocked.Increment(ref _uncacheable).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The key of the pipelines declared in <paramref name="tree"/>: equal keys, equal parse results.</summary>
    private static string Key(SyntaxTree tree, CompilationFacts facts, CancellationToken ct)
    {
        var included = new HashSet<SyntaxTree> { tree };
        var pending = new Queue<SyntaxTree>();
        pending.Enqueue(tree);
        foreach (var global in facts.GlobalUsingTrees)
        {
            if (included.Add(global))
            {
                pending.Enqueue(global);
            }
        }

        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            foreach (var name in Facts(pending.Dequeue(), ct).Identifiers)
            {
                if (facts.TypeDeclarations.TryGetValue(name, out var trees))
                {
                    foreach (var declaring in trees)
                    {
                        if (included.Add(declaring))
                        {
                            pending.Enqueue(declaring);
                        }
                    }
                }
            }
        }

        var parts = included.Select(t => t.FilePath + "#" + Facts(t, ct).Checksum).OrderBy(p => p, StringComparer.Ordinal);
        return facts.Fingerprint + "\n" + string.Join("\n", parts);
    }

    private static TreeFacts Facts(SyntaxTree tree, CancellationToken ct) => Trees.GetValue(tree, t => new TreeFacts(t, ct));

    private static string Sha256(string content)
    {
        byte[] bytes;
        using (var sha = System.Security.Cryptography.SHA256.Create())
        {
            bytes = sha.ComputeHash(Encoding.UTF8.GetBytes(content));
        }

        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>What the key needs of one file: its checksum, the identifiers it uses and the types it declares.</summary>
    private sealed class TreeFacts
    {
        public TreeFacts(SyntaxTree tree, CancellationToken ct)
        {
            // Our own hash: SourceText.GetChecksum() is not implemented by every text the compiler hands out.
            Checksum = Sha256(tree.GetText(ct).ToString());
            var root = tree.GetRoot(ct);
            var identifiers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in root.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken))
                {
                    identifiers.Add(token.ValueText);
                }
            }

            Identifiers = identifiers.ToArray();
            DeclaredTypes = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                .Select(n => n switch
                {
                    BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                    DelegateDeclarationSyntax @delegate => @delegate.Identifier.ValueText,
                    _ => null,
                })
                .Where(n => n is not null)
                .Select(n => n!)
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            var usings = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>().ToArray();
            HasGlobalUsings = usings.Any(u => u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword));
            Aliases = usings
                .Where(u => u.Alias is not null && u.Name is not null && IsGlueJobName(LastName(u.Name)))
                .Select(u => (Name: u.Alias!.Name.Identifier.ValueText, Global: u.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)))
                .ToArray();
            _classes = root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
                .OfType<ClassDeclarationSyntax>()
                .Select(c => (c.Span, Names: c.AttributeLists.SelectMany(l => l.Attributes).Select(a => LastName(a.Name)).ToArray()))
                .Where(c => c.Names.Length > 0)
                .ToArray();
        }

        private readonly (TextSpan Span, string[] Names)[] _classes;

        public string Checksum { get; }

        public string[] Identifiers { get; }

        public string[] DeclaredTypes { get; }

        public bool HasGlobalUsings { get; }

        /// <summary>Using aliases of the GlueJob attribute declared in this file, and whether each is global.</summary>
        public (string Name, bool Global)[] Aliases { get; }

        /// <summary>The classes with an attribute named GlueJob, GlueJobAttribute, or an alias of it.</summary>
        public ImmutableArray<TextSpan> PipelineClasses(IReadOnlyCollection<string> globalAliases)
        {
            var builder = ImmutableArray.CreateBuilder<TextSpan>();
            foreach (var (span, names) in _classes)
            {
                if (names.Any(n => IsGlueJobName(n) || globalAliases.Contains(n) || Aliases.Any(a => a.Name == n)))
                {
                    builder.Add(span);
                }
            }

            return builder.ToImmutable();
        }

        private static bool IsGlueJobName(string name) => name is "GlueJob" or "GlueJobAttribute";

        private static string LastName(NameSyntax name) => name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
    }

    /// <summary>Once per compilation: which files declare which type names, which have global usings, and the settings.</summary>
    private sealed class CompilationFacts
    {
        public CompilationFacts(Compilation compilation)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                var facts = Facts(tree, CancellationToken.None);
                if (facts.HasGlobalUsings)
                {
                    GlobalUsingTrees.Add(tree);
                }

                foreach (var (alias, global) in facts.Aliases)
                {
                    if (global)
                    {
                        GlueJobAliases.Add(alias);
                    }
                }

                foreach (var name in facts.DeclaredTypes)
                {
                    if (!TypeDeclarations.TryGetValue(name, out var trees))
                    {
                        TypeDeclarations[name] = trees = new List<SyntaxTree>();
                    }

                    trees.Add(tree);
                }
            }

            var fingerprint = new StringBuilder();
            fingerprint.Append(compilation.Language).Append('|').Append(compilation.AssemblyName).Append('|');
            // The options a parse can see: nullable annotations (a column's nullability) and overflow checking.
            fingerprint.Append(compilation.Options.NullableContextOptions).Append('|').Append(compilation.Options.CheckOverflow).Append('|');
            if (compilation.SyntaxTrees.FirstOrDefault()?.Options is CSharpParseOptions parse)
            {
                fingerprint.Append(parse.LanguageVersion).Append('|').Append(string.Join(",", parse.PreprocessorSymbolNames.OrderBy(s => s, StringComparer.Ordinal))).Append('|');
            }

            // By identity too: a rebuilt reference has the same path but is another object (hosts keep unchanged ones).
            foreach (var reference in compilation.References)
            {
                fingerprint.Append(reference.Display).Append('@')
                    .Append(RuntimeHelpers.GetHashCode(reference).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(';');
            }

            // Hashed once here: every pipeline's key carries it, and keys are built and compared on every edit.
            Fingerprint = Sha256(fingerprint.ToString());
        }

        public Dictionary<string, List<SyntaxTree>> TypeDeclarations { get; } = new(StringComparer.Ordinal);

        public List<SyntaxTree> GlobalUsingTrees { get; } = new();

        public HashSet<string> GlueJobAliases { get; } = new(StringComparer.Ordinal);

        public string Fingerprint { get; }
    }
}
