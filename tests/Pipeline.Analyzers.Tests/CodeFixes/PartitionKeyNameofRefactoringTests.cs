using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Pipeline.CodeFixes;
using Xunit;

namespace Pipeline.Analyzers.Tests.CodeFixes;

/// <summary>The refactoring that turns string partition keys into <c>nameof</c>, run in a real Workspaces host.</summary>
public class PartitionKeyNameofRefactoringTests
{
    private const string Body = """
        [S3Source("s3://acme-raw/orders/")]
        public partial Dataset<RawOrder> Orders { get; }

        [S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders")]
        [PartitionBy(KEYS)]
        public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
            orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
    """;

    [Fact]
    public async Task A_string_key_naming_a_property_becomes_nameof()
    {
        var actions = await RefactoringsAt("\"OrderDate\"", "\"OrderDate\"");
        var one = Assert.Single(actions);
        Assert.Equal("Use nameof(Order.OrderDate)", one.Title);
        Assert.Contains("[PartitionBy(nameof(Order.OrderDate))]", await Apply(one, "\"OrderDate\""));
    }

    [Fact]
    public async Task A_column_name_key_becomes_nameof_of_its_property_and_all_keys_can_change_at_once()
    {
        var actions = await RefactoringsAt("\"order_date\", \"Amount\"", "\"order_date\"");
        Assert.Equal(new[] { "Use nameof(Order.OrderDate)", "Use nameof for every partition key" }, actions.Select(a => a.Title));
        Assert.Contains("[PartitionBy(nameof(Order.OrderDate), nameof(Order.Amount))]", await Apply(actions[1], "\"order_date\", \"Amount\""));
    }

    [Fact]
    public async Task Nothing_is_offered_for_a_key_that_names_no_column_or_is_already_nameof()
    {
        Assert.Empty(await RefactoringsAt("\"Nope\"", "\"Nope\""));
        Assert.Empty(await RefactoringsAt("nameof(Order.OrderDate)", "nameof(Order.OrderDate)"));
    }

    private static string Source(string keys) => Sources.Job(body: Body.Replace("KEYS", keys, StringComparison.Ordinal));

    private static Document Document(string keys)
    {
        var workspace = new AdhocWorkspace();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
            .Append(typeof(Pipeline.Dsl.GlueJobAttribute).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        var project = workspace.AddProject("Shop", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable))
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Preview))
            .WithMetadataReferences(references);
        return project.AddDocument("Test0.cs", SourceText.From(Source(keys)));
    }

    private static async Task<List<CodeAction>> RefactoringsAt(string keys, string selected)
    {
        var document = Document(keys);
        var text = (await document.GetTextAsync()).ToString();
        var at = text.IndexOf("[PartitionBy(" + keys, StringComparison.Ordinal) + "[PartitionBy(".Length + keys.IndexOf(selected, StringComparison.Ordinal);
        var actions = new List<CodeAction>();
        var context = new CodeRefactoringContext(document, new TextSpan(at, 0), actions.Add, CancellationToken.None);
        await new PartitionKeyNameofRefactoring().ComputeRefactoringsAsync(context);
        return actions;
    }

    private static async Task<string> Apply(CodeAction action, string keys)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        var document = changed.Projects.Single().Documents.Single();
        var text = (await document.GetTextAsync()).ToString();
        // The result compiles without errors: nameof names real members.
        var compilation = (await document.Project.GetCompilationAsync())!;
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error && d.Id != "CS9248");
        return text;
    }
}
