using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;
using Pipeline.Generators.Validation;

using TypeKind = Pipeline.Generators.Model.TypeKind;

namespace Pipeline.Generators.Parsing;

/// <summary>The parser's answer: a model when the pipeline is valid, and every problem found either way.</summary>
internal sealed class ParseResult
{
    public ParseResult(PipelineSpec? spec, ImmutableArray<ParseProblem> problems)
    {
        Spec = spec;
        Problems = problems;
    }

    /// <summary>Null whenever there is at least one problem: an invalid pipeline produces no artifacts.</summary>
    public PipelineSpec? Spec { get; }

    public ImmutableArray<ParseProblem> Problems { get; }
}

/// <summary>
/// Symbols and syntax of one <c>[GlueJob]</c> class → <see cref="PipelineSpec"/>. Shared by the generator (which
/// keeps only the spec) and the analyzers (which report the problems), so both always agree on what is valid.
/// </summary>
internal static partial class PipelineParser
{
    /// <summary>The partial source properties to implement even when the pipeline is invalid (see <see cref="SourceParts"/>).</summary>
    public static SourceParts? ReadSourceParts(INamedTypeSymbol type, CancellationToken ct)
    {
        if (type.ContainingType is not null || type.IsGenericType)
        {
            return null;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(ct) is not ClassDeclarationSyntax declaration || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return null;
            }
        }

        var parts = new List<SourcePart>();
        foreach (var member in type.GetMembers())
        {
            if (member is IPropertySymbol property
                && (AttributeReader.Find(property, KnownNames.S3SourceAttribute) ?? AttributeReader.Find(property, KnownNames.CatalogSourceAttribute)) is not null
                && IsPartialWithoutBody(property, ct))
            {
                parts.Add(new SourcePart(
                    AccessibilityText(property.DeclaredAccessibility),
                    property.Name,
                    property.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                    AttributeReader.Is(property.Type, KnownNames.Dataset)));
            }
        }

        var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
        return new SourceParts(ns, type.Name, parts.ToEquatableArray());
    }

    public static ParseResult Parse(INamedTypeSymbol type, SemanticModel model, CancellationToken ct)
    {
        var problems = new List<ParseProblem>();
        var spec = new Context(type, model, problems, ct).Build();
        return new ParseResult(problems.Count == 0 ? spec : null, problems.ToImmutableArray());
    }

    private sealed partial class Context
    {
        private readonly INamedTypeSymbol _type;
        private readonly SemanticModel _model;
        private readonly List<ParseProblem> _problems;
        private readonly CancellationToken _ct;
        private readonly SchemaBuilder _schemas;

        public Context(INamedTypeSymbol type, SemanticModel model, List<ParseProblem> problems, CancellationToken ct)
        {
            _type = type;
            _model = model;
            _problems = problems;
            _ct = ct;
            _schemas = new SchemaBuilder(problems, ct);
        }

        public PipelineSpec? Build()
        {
            var jobAttribute = AttributeReader.Find(_type, KnownNames.GlueJobAttribute);
            if (jobAttribute is null)
            {
                return null;
            }

            CheckPartialTopLevel();
            var job = ReadJob(jobAttribute);
            var sources = ReadSources(job);
            var stages = ReadStages(job, sources);
            if (job is null || sources is null || stages is null)
            {
                return null;
            }

            // A source that is only a join's lookup side is a reference unless declared an increment (SourceRole.Auto).
            var lookupOnly = SourceRoles.LookupOnly(sources, stages);
            for (var i = 0; i < sources.Count; i++)
            {
                if (lookupOnly.Contains(sources[i].Name))
                {
                    sources[i] = sources[i] with { Bookmarked = sources[i].Bookmarked && sources[i].DeclaredIncrement, LookupOnly = true };
                }
            }

            var aggregateProblems = new List<IncrementalAggregateProblem>();
            IncrementalAggregates.Find(sources, stages, aggregateProblems);
            foreach (var problem in aggregateProblems)
            {
                Report(ParserRuleIds.IncrementalAggregate, MemberLocation(problem.Member), problem.Message);
            }

            var ns = _type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            return new PipelineSpec(ns, _type.Name, job, _schemas.Schemas, sources.ToEquatableArray(), stages.ToEquatableArray());
        }

        /// <summary>The declaration of a stage or sink method, by name (the class when it has none).</summary>
        private Location MemberLocation(string name)
        {
            foreach (var member in _type.GetMembers(name))
            {
                if (member is IMethodSymbol && member.Locations.Length > 0)
                {
                    return member.Locations[0];
                }
            }

            return _type.Locations[0];
        }

        private void CheckPartialTopLevel()
        {
            if (_type.ContainingType is not null)
            {
                Report(ParserRuleIds.NotPartial, _type.Locations[0], $"pipeline class '{_type.Name}' must be a top-level class");
            }

            if (_type.IsGenericType)
            {
                Report(ParserRuleIds.NotPartial, _type.Locations[0], $"pipeline class '{_type.Name}' must not be generic");
            }

            foreach (var reference in _type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_ct) is ClassDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    Report(ParserRuleIds.NotPartial, declaration.Identifier.GetLocation(), $"pipeline class '{_type.Name}' must be declared partial");
                }
            }
        }

        private JobSpec? ReadJob(AttributeData attribute)
        {
            var ok = true;
            var name = AttributeReader.String(attribute, 0) ?? "";
            ok &= Check(JobSettings.TryValidateJobName(name, out var error), ParserRuleIds.Name, attribute, null, 0, error);

            var glueVersion = AttributeReader.Named(attribute, "GlueVersion", "4.0");
            ok &= Check(JobSettings.TryValidateGlueVersion(glueVersion, out error), ParserRuleIds.GlueVersion, attribute, "GlueVersion", 0, error);

            var workerType = AttributeReader.Named(attribute, "WorkerType", 0) switch
            {
                0 => "G.1X",
                1 => "G.2X",
                2 => "G.4X",
                3 => "G.8X",
                var other => "?" + other.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };

            var executionClass = AttributeReader.Named(attribute, "ExecutionClass", 0) == 1 ? "FLEX" : "STANDARD";
            var workers = AttributeReader.Named(attribute, "Workers", 2);
            var autoScaling = AttributeReader.Named(attribute, "AutoScaling", false);
            ok &= Check(JobSettings.TryValidateWorkerType(glueVersion, workerType, executionClass, out error), ParserRuleIds.WorkerType, attribute,
                AttributeReader.HasNamed(attribute, "WorkerType") ? "WorkerType" : "ExecutionClass", 0, error);
            ok &= Check(JobSettings.TryValidateWorkerCount(workerType, workers, autoScaling, out error), ParserRuleIds.Workers, attribute, "Workers", 0, error);

            var timeout = AttributeReader.Named(attribute, "TimeoutMinutes", 0);
            ok &= Check(JobSettings.TryValidateTimeout(timeout, out error), timeout == 0 ? ParserRuleIds.NoTimeout : ParserRuleIds.TimeoutTooLong, attribute, "TimeoutMinutes", 0, error);

            var maxRetries = AttributeReader.Named(attribute, "MaxRetries", 0);
            ok &= Check(maxRetries is >= 0 and <= 10, ParserRuleIds.InvalidSetting, attribute, "MaxRetries", 0, "MaxRetries must be between 0 and 10");
            var maxConcurrentRuns = AttributeReader.Named(attribute, "MaxConcurrentRuns", 1);
            ok &= Check(maxConcurrentRuns >= 1, ParserRuleIds.InvalidSetting, attribute, "MaxConcurrentRuns", 0, "MaxConcurrentRuns must be at least 1");

            var schedule = AttributeReader.Named<string?>(attribute, "Schedule", null);
            if (schedule is not null)
            {
                ok &= Check(CronExpression.TryValidate(schedule, out error), ParserRuleIds.Cron, attribute, "Schedule", 0, error);
            }

            // Start: OnSchedule (0), OnDemand (1), OnNewData (2); omitted = scheduled with a Schedule, else on demand.
            var start = AttributeReader.Named(attribute, "Start", 0);
            var explicitStart = AttributeReader.HasNamed(attribute, "Start");
            var onNewData = start == 2;
            if (start is < 0 or > 2)
            {
                ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, "Start", 0, "Start must be OnSchedule, OnDemand or OnNewData");
            }
            else if (onNewData && schedule is not null)
            {
                ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, "Start", 0,
                    "Start = OnNewData starts the job when new data lands in its S3 sources; it cannot also have a Schedule (remove one of them)");
            }
            else if (explicitStart && start == 0 && schedule is null)
            {
                ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, "Start", 0, "Start = OnSchedule needs a Schedule (a cron expression)");
            }
            else if (explicitStart && start == 1 && schedule is not null)
            {
                ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, "Start", 0, "Start = OnDemand cannot have a Schedule (remove one of them)");
            }

            var batchSize = AttributeReader.Named(attribute, "BatchSize", 0);
            var batchWindow = AttributeReader.Named(attribute, "BatchWindowSeconds", 0);
            foreach (var (setting, value, max) in new[] { ("BatchSize", batchSize, 100), ("BatchWindowSeconds", batchWindow, 900) })
            {
                if (!AttributeReader.HasNamed(attribute, setting))
                {
                    continue;
                }

                if (!onNewData)
                {
                    ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, setting, 0, setting + " only applies to Start = OnNewData");
                }
                else
                {
                    ok &= Check(value >= 1 && value <= max, ParserRuleIds.InvalidSetting, attribute, setting, 0,
                        setting + " must be between 1 and " + max.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            if (onNewData && !HasS3SourcePath())
            {
                ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, "Start", 0,
                    "Start = OnNewData needs an S3 source (or a catalog source with a Location) whose prefix new data lands in");
            }

            var tags = new List<TagSpec>();
            foreach (var tag in AttributeReader.FindAll(_type, KnownNames.TagAttribute))
            {
                var key = AttributeReader.String(tag, 0);
                var value = AttributeReader.String(tag, 1);
                if (key is { Length: > 0 } && value is not null)
                {
                    tags.Add(new TagSpec(key, value));
                }
            }

            tags.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            if (!ok)
            {
                return null;
            }

            return new JobSpec(
                name,
                AttributeReader.Named(attribute, "Description", "") ?? "",
                glueVersion,
                workerType,
                workers,
                autoScaling,
                timeout,
                maxRetries,
                maxConcurrentRuns,
                executionClass,
                AttributeReader.Named(attribute, "Bookmarks", true),
                schedule,
                tags.ToEquatableArray())
            {
                Start = onNewData ? JobStartKind.OnNewData : JobStartKind.Default,
                BatchSize = onNewData && batchSize > 0 ? batchSize : 1,
                BatchWindowSeconds = onNewData && batchWindow > 0 ? batchWindow : 900,
            };
        }

        /// <summary>Whether a source property declares an S3 prefix (an S3 source, or a catalog source with a Location).</summary>
        private bool HasS3SourcePath()
        {
            foreach (var member in _type.GetMembers())
            {
                if (member is not IPropertySymbol property)
                {
                    continue;
                }

                if (AttributeReader.Find(property, KnownNames.S3SourceAttribute) is not null
                    || (AttributeReader.Find(property, KnownNames.CatalogSourceAttribute) is { } catalog && AttributeReader.Named<string?>(catalog, "Location", null) is not null))
                {
                    return true;
                }
            }

            return false;
        }

        private List<SourceSpec>? ReadSources(JobSpec? job)
        {
            var sources = new List<SourceSpec>();
            var ok = true;
            foreach (var member in _type.GetMembers())
            {
                _ct.ThrowIfCancellationRequested();
                if (member is not IPropertySymbol property)
                {
                    continue;
                }

                var s3 = AttributeReader.Find(property, KnownNames.S3SourceAttribute);
                var catalog = AttributeReader.Find(property, KnownNames.CatalogSourceAttribute);
                if (s3 is null && catalog is null)
                {
                    continue;
                }

                var location = property.Locations[0];
                if (!IsPartialWithoutBody(property, _ct))
                {
                    Report(ParserRuleIds.NotPartial, location, $"source property '{property.Name}' must be declared 'partial' with only a getter: the generator implements it");
                    ok = false;
                }

                var schema = DatasetRow(property.Type) is { } row ? _schemas.GetSchema(row, location) : null;
                if (schema is null)
                {
                    if (DatasetRow(property.Type) is null)
                    {
                        Report(ParserRuleIds.NotAQuery, location, $"source property '{property.Name}' must be of type Dataset<T>");
                    }

                    ok = false;
                    continue;
                }

                var accessibility = AccessibilityText(property.DeclaredAccessibility);
                if (s3 is not null)
                {
                    var path = AttributeReader.String(s3, 0) ?? "";
                    ok &= Check(S3Uri.TryValidate(path, out var error), ParserRuleIds.S3Uri, s3, null, 0, error);
                    var csv = new CsvOptions(
                        AttributeReader.Named(s3, "Header", true),
                        AttributeReader.Named(s3, "Delimiter", ","),
                        AttributeReader.Named(s3, "Quote", "\""));
                    sources.Add(new SourceSpec(property.Name, Naming.ToSnakeCase(property.Name), SourceKind.S3, schema.TypeName, path,
                        (FileFormat)AttributeReader.Named(s3, "Format", 0), csv, null, null, null,
                        Bookmarked(s3, out var declaredIncrement) && (job?.Bookmarks ?? false))
                    {
                        Accessibility = accessibility,
                        DeclaredIncrement = declaredIncrement,
                    });
                }
                else
                {
                    var database = AttributeReader.String(catalog!, 0) ?? "";
                    var table = AttributeReader.String(catalog!, 1) ?? "";
                    ok &= Check(JobSettings.TryValidateCatalogName(database, out var error), ParserRuleIds.Name, catalog!, null, 0, error);
                    ok &= Check(JobSettings.TryValidateCatalogName(table, out error), ParserRuleIds.Name, catalog!, null, 1, error);
                    var tableLocation = AttributeReader.Named<string?>(catalog!, "Location", null);
                    if (tableLocation is not null)
                    {
                        ok &= Check(S3Uri.TryValidate(tableLocation, out error), ParserRuleIds.S3Uri, catalog!, "Location", 0, error);
                    }

                    // PIPE109: run parameters ({RunDate:yyyy-MM-dd}) in the predicate, formatted when the job runs.
                    var predicate = AttributeReader.Named<string?>(catalog!, "PushDownPredicate", null);
                    if (predicate is not null)
                    {
                        ok &= Check(RunParameters.TryParse(predicate, out _, out error), ParserRuleIds.RunParameter, catalog!, "PushDownPredicate", 0, error);
                    }

                    sources.Add(new SourceSpec(property.Name, Naming.ToSnakeCase(property.Name), SourceKind.Catalog, schema.TypeName, null,
                        FileFormat.Parquet, CsvOptions.Default, database, table, predicate,
                        Bookmarked(catalog!, out var declaredIncrement) && (job?.Bookmarks ?? false))
                    {
                        Accessibility = accessibility,
                        Location = tableLocation,
                        DeclaredIncrement = declaredIncrement,
                    });
                }
            }

            return ok ? sources : null;
        }

        /// <summary>
        /// Whether a source is bookmarked before the join analysis: <c>Role = Reference</c> or <c>Bookmarked = false</c>
        /// say no; <c>Role = Increment</c> or an explicit <c>Bookmarked = true</c> say yes and are kept even for a lookup
        /// side (<paramref name="declaredIncrement"/>); otherwise yes unless <see cref="SourceRoles"/> finds a lookup side.
        /// </summary>
        private static bool Bookmarked(AttributeData attribute, out bool declaredIncrement)
        {
            var role = AttributeReader.Named(attribute, "Role", 0); // SourceRole: Auto, Increment, Reference
            var bookmarked = AttributeReader.Named(attribute, "Bookmarked", true);
            declaredIncrement = role == 1 || (role == 0 && bookmarked && AttributeReader.HasNamed(attribute, "Bookmarked"));
            return role == 1 || (role == 0 && bookmarked);
        }

        private List<StageSpec>? ReadStages(JobSpec? job, List<SourceSpec>? sources)
        {
            var methods = new List<(IMethodSymbol Method, AttributeData? Sink)>();
            foreach (var member in _type.GetMembers())
            {
                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    var sink = AttributeReader.Find(method, KnownNames.S3SinkAttribute);
                    if (sink is not null || AttributeReader.Find(method, KnownNames.TransformAttribute) is not null)
                    {
                        methods.Add((method, sink));
                    }
                }
            }

            // Inputs bind by name, case-insensitively, to sources and stages.
            var known = new Dictionary<string, ITypeSymbol>(StringComparer.OrdinalIgnoreCase);
            foreach (var member in _type.GetMembers())
            {
                if (member is IPropertySymbol p && (AttributeReader.Find(p, KnownNames.S3SourceAttribute) ?? AttributeReader.Find(p, KnownNames.CatalogSourceAttribute)) is not null)
                {
                    known[p.Name] = p.Type;
                }
            }

            foreach (var (method, _) in methods)
            {
                known[method.Name] = method.ReturnType;
            }

            var stages = new Dictionary<string, StageSpec>(StringComparer.Ordinal);
            var declarationOrder = new List<string>();
            var ok = true;
            foreach (var (method, sinkAttribute) in methods)
            {
                _ct.ThrowIfCancellationRequested();
                var stage = ReadStage(method, sinkAttribute, job, known);
                if (stage is null)
                {
                    ok = false;
                    continue;
                }

                stages[stage.Name] = stage;
                declarationOrder.Add(stage.Name);
            }

            if (!ok || sources is null)
            {
                return null;
            }

            return Order(stages, declarationOrder, methods);
        }

        private StageSpec? ReadStage(IMethodSymbol method, AttributeData? sinkAttribute, JobSpec? job, Dictionary<string, ITypeSymbol> known)
        {
            var location = method.Locations[0];
            var row = DatasetRow(method.ReturnType);
            if (row is null)
            {
                Report(ParserRuleIds.NotAQuery, location, $"stage '{method.Name}' must return Dataset<T>");
                return null;
            }

            var schema = _schemas.GetSchema(row, location);
            var inputs = new Dictionary<IParameterSymbol, string>(SymbolEqualityComparer.Default);
            var inputNames = new List<string>();
            var ok = schema is not null;
            foreach (var parameter in method.Parameters)
            {
                if (!known.TryGetValue(parameter.Name, out var inputType) || string.Equals(parameter.Name, method.Name, StringComparison.OrdinalIgnoreCase))
                {
                    Report(ParserRuleIds.UnboundInput, parameter.Locations[0], $"parameter '{parameter.Name}' binds to no source or stage; name it after one (e.g. 'orders' for the member 'Orders')");
                    ok = false;
                    continue;
                }

                if (!SymbolEqualityComparer.Default.Equals(inputType, parameter.Type))
                {
                    Report(ParserRuleIds.UnboundInput, parameter.Locations[0], $"parameter '{parameter.Name}' is {parameter.Type.ToDisplayString()} but the member it binds to is {inputType.ToDisplayString()}");
                    ok = false;
                    continue;
                }

                var memberName = MemberName(known, parameter.Name);
                inputs[parameter] = memberName;
                inputNames.Add(memberName);
            }

            var body = Body(method);
            if (body is null)
            {
                Report(ParserRuleIds.NotAQuery, location, $"stage '{method.Name}' must have one expression body or a single return statement");
                return null;
            }

            if (!ok || schema is null)
            {
                return null;
            }

            var model = _model.SyntaxTree == body.SyntaxTree ? _model : _model.Compilation.GetSemanticModel(body.SyntaxTree);
            var plan = new QueryTranslator(model, _schemas, _problems, _ct).Translate(body, inputs);
            if (plan is null)
            {
                return null;
            }

            SinkSpec? sink = null;
            if (sinkAttribute is not null)
            {
                sink = ReadSink(method, sinkAttribute, schema, job);
                if (sink is null)
                {
                    return null;
                }
            }

            return new StageSpec(method.Name, Naming.ToSnakeCase(method.Name), schema.TypeName, inputNames.ToEquatableArray(), plan, sink);
        }

        private SinkSpec? ReadSink(IMethodSymbol method, AttributeData attribute, SchemaSpec schema, JobSpec? job)
        {
            var ok = true;
            var path = AttributeReader.String(attribute, 0) ?? "";
            ok &= Check(S3Uri.TryValidate(path, out var error), ParserRuleIds.S3Uri, attribute, null, 0, error);
            var format = (FileFormat)AttributeReader.Named(attribute, "Format", 2);
            var compression = AttributeReader.Named(attribute, "Compression", 0) switch
            {
                1 => CompressionKind.None,
                2 => CompressionKind.Snappy,
                3 => CompressionKind.Gzip,
                4 => CompressionKind.Zstd,
                _ => format is FileFormat.Parquet or FileFormat.Orc ? CompressionKind.Snappy : CompressionKind.None,
            };

            var database = AttributeReader.Named<string?>(attribute, "Database", null) ?? job?.Identifier ?? "";
            var table = AttributeReader.Named<string?>(attribute, "Table", null) ?? Naming.ToSnakeCase(method.Name);
            ok &= Check(JobSettings.TryValidateCatalogName(database, out error), ParserRuleIds.Name, attribute, "Database", 0, error);
            ok &= Check(JobSettings.TryValidateCatalogName(table, out error), ParserRuleIds.Name, attribute, "Table", 0, error);

            var partitionKeys = new List<string>();
            if (AttributeReader.Find(method, KnownNames.PartitionByAttribute) is { } partitionBy)
            {
                // [PartitionBy(null)] binds the params array itself to null; reported here because no dedicated rule
                // covers it, and a pipeline the parser rejects without a problem would fail silently (issue 12).
                ok &= Check(!AttributeReader.IsNull(partitionBy, 0), ParserRuleIds.InvalidSetting, partitionBy, null, 0,
                    "PartitionBy needs column names, not null");
                var index = 0;
                foreach (var key in AttributeReader.StringArray(partitionBy, 0))
                {
                    var column = key is null ? null : schema.FindProperty(key) ?? schema.FindColumn(key);
                    var keyLocation = PartitionKeyLocation(partitionBy, index++);
                    if (column is null)
                    {
                        Report(ParserRuleIds.PartitionKey, keyLocation, $"partition key '{key}' is not a column of {schema.Name}");
                        ok = false;
                    }
                    else if (!column.Type.IsPrimitive)
                    {
                        Report(ParserRuleIds.PartitionKey, keyLocation, $"partition key '{key}' must have a primitive type, not {column.Type.Kind}");
                        ok = false;
                    }
                    else if (partitionKeys.Contains(column.Name))
                    {
                        Report(ParserRuleIds.PartitionKey, keyLocation, $"partition key '{key}' is listed twice");
                        ok = false;
                    }
                    else
                    {
                        partitionKeys.Add(column.Name);
                    }
                }

                if (partitionKeys.Count == schema.Columns.Count && ok)
                {
                    Report(ParserRuleIds.PartitionKey, partitionBy.ApplicationSyntaxReference?.GetSyntax(_ct).GetLocation() ?? Location.None,
                        "every column is a partition key; at least one column must remain in the data files");
                    ok = false;
                }
            }

            var rules = new List<string>();
            foreach (var quality in AttributeReader.FindAll(method, KnownNames.QualityAttribute))
            {
                // A null rule has no DQDL to check (QualityRulesAnalyzer skips it), so it is reported here.
                if (AttributeReader.String(quality, 0) is not { } text)
                {
                    Report(ParserRuleIds.InvalidSetting, AttributeReader.Location(quality, null, 0, _ct), "a quality rule needs DQDL text, not null");
                    ok = false;
                    continue;
                }

                var result = Dqdl.Parse(text);
                foreach (var dqdlError in result.Errors)
                {
                    Report(ParserRuleIds.Dqdl, AttributeReader.Location(quality, null, 0, _ct), dqdlError.Message);
                    ok = false;
                }

                foreach (var column in result.Columns)
                {
                    if (schema.FindColumn(column.Name) is null)
                    {
                        Report(ParserRuleIds.QualityColumn, AttributeReader.Location(quality, null, 0, _ct), $"quality rule references column '{column.Name}', which {schema.Name} does not have");
                        ok = false;
                    }
                }

                rules.Add(text);
            }

            var action = QualityActionKind.Fail;
            string? quarantine = null;
            if (AttributeReader.Find(method, KnownNames.OnQualityFailureAttribute) is { } onFailure)
            {
                action = onFailure.ConstructorArguments.Length == 1 && onFailure.ConstructorArguments[0].Value is int value ? (QualityActionKind)value : QualityActionKind.Fail;
                quarantine = AttributeReader.Named<string?>(onFailure, "QuarantinePath", null);
                if (action == QualityActionKind.Quarantine && quarantine is null)
                {
                    Report(ParserRuleIds.QuarantineWithoutPath, AttributeReader.Location(onFailure, null, 0, _ct), "the Quarantine action needs a QuarantinePath");
                    ok = false;
                }
                else if (quarantine is not null)
                {
                    ok &= Check(S3Uri.TryValidate(quarantine, out error), ParserRuleIds.S3Uri, onFailure, "QuarantinePath", 0, error);
                }
            }

            var projection = ReadProjection(method, schema, partitionKeys, ref ok);
            var mode = (WriteModeKind)AttributeReader.Named(attribute, "Mode", 0);
            var mergeKeys = ReadMergeKeys(attribute, schema, mode, ref ok);
            if (mode == WriteModeKind.Merge && action == QualityActionKind.Quarantine)
            {
                // Which rows to set aside when the checked rows are the merged partitions (earlier runs' rows too) is
                // not settled; until it is, a merge sink fails or warns.
                ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, "Mode", 0, "a Merge sink cannot quarantine rows yet; use QualityAction.Fail or Warn");
            }

            return ok
                ? new SinkSpec(path, format, compression, database, table, partitionKeys.ToEquatableArray(), rules.ToEquatableArray(), action, quarantine)
                {
                    Projection = projection.ToEquatableArray(),
                    Mode = mode,
                    MergeKeys = mergeKeys.ToEquatableArray(),
                }
                : null;
        }

        private const string PartitionProjectionAttribute = "Pipeline.Dsl.PartitionProjectionAttribute";

        /// <summary>
        /// <c>[PartitionProjection]</c> of a sink, in partition-key order. Every key needs exactly one once any is declared
        /// (Athena projects all partition columns or none); each is checked against its type (PIPE000).
        /// </summary>
        private List<PartitionProjectionSpec> ReadProjection(IMethodSymbol method, SchemaSpec schema, List<string> partitionKeys, ref bool ok)
        {
            var byKey = new Dictionary<string, PartitionProjectionSpec>(StringComparer.Ordinal);
            var any = false;
            foreach (var attribute in AttributeReader.FindAll(method, PartitionProjectionAttribute))
            {
                any = true;
                var key = AttributeReader.String(attribute, 0) ?? "";
                var column = schema.FindProperty(key) ?? schema.FindColumn(key);
                if (column is null || !partitionKeys.Contains(column.Name))
                {
                    ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, null, 0,
                        $"partition projection key '{key}' is not a partition key of this sink ([PartitionBy] lists: {string.Join(", ", partitionKeys)})");
                    continue;
                }

                if (byKey.ContainsKey(column.Name))
                {
                    ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, null, 0, $"partition key '{key}' has more than one projection");
                    continue;
                }

                var kind = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int k ? k : -1;
                var range = AttributeReader.Named<string?>(attribute, "Range", null)?.Trim();
                var digits = AttributeReader.Named(attribute, "Digits", 0);
                var format = AttributeReader.Named<string?>(attribute, "Format", null);
                var unit = AttributeReader.Named<string?>(attribute, "IntervalUnit", null);
                var values = new List<string>();
                foreach (var pair in attribute.NamedArguments)
                {
                    if (pair.Key == "Values" && pair.Value.Kind == TypedConstantKind.Array)
                    {
                        foreach (var value in pair.Value.Values)
                        {
                            values.Add(value.Value as string ?? "");
                        }
                    }
                }

                var error = ProjectionError(kind, column, range, digits, format, unit, values, out var setting);
                if (error is not null)
                {
                    ok &= Check(false, ParserRuleIds.InvalidSetting, attribute, setting, 1, $"partition projection of '{key}': {error}");
                    continue;
                }

                byKey[column.Name] = new PartitionProjectionSpec(
                    column.Name,
                    (ProjectionKind)kind,
                    range,
                    kind == 0 ? digits : 0,
                    kind == 1 ? format : null,
                    kind == 1 ? unit?.Trim().ToUpperInvariant() : null,
                    (kind == 2 ? values : new List<string>()).ToEquatableArray());
            }

            var result = new List<PartitionProjectionSpec>();
            if (!any || !ok)
            {
                return result;
            }

            foreach (var key in partitionKeys)
            {
                if (byKey.TryGetValue(key, out var projection))
                {
                    result.Add(projection);
                }
                else
                {
                    Report(ParserRuleIds.InvalidSetting, method.Locations[0],
                        $"partition key '{key}' has no [PartitionProjection]: Athena projects every partition key of a table or none");
                    ok = false;
                }
            }

            return result;
        }

        private static readonly string[] IntervalUnits = { "YEARS", "MONTHS", "WEEKS", "DAYS", "HOURS", "MINUTES", "SECONDS" };

        private static string? ProjectionError(int kind, ColumnSpec column, string? range, int digits, string? format, string? unit, List<string> values, out string? setting)
        {
            var type = column.Type.Kind;
            var integral = type is TypeKind.Byte or TypeKind.Short or TypeKind.Int or TypeKind.Long;
            setting = null;
            switch (kind)
            {
                case 0:
                    setting = "Range";
                    if (!integral && type != TypeKind.String)
                    {
                        setting = null;
                        return $"an integer projection needs an integer or string column, not {type}";
                    }

                    var bounds = range?.Split(',');
                    if (bounds is not { Length: 2 }
                        || !long.TryParse(bounds[0].Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var min)
                        || !long.TryParse(bounds[1].Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var max))
                    {
                        return "Range must be \"min,max\" with two integers, e.g. \"2020,2035\"";
                    }

                    if (min > max)
                    {
                        return $"Range {range} is empty: the minimum is greater than the maximum";
                    }

                    setting = "Digits";
                    if (digits is < 0 or > 20)
                    {
                        return "Digits must be between 0 and 20";
                    }

                    if (digits > 1 && integral)
                    {
                        // Spark writes an integer partition value unpadded (month=1), so a padded projection (month=01) would find nothing.
                        return $"Digits pads the folder values, but the job writes the {type} column '{column.Name}' unpadded ({column.Name}=1); use a string column or no Digits";
                    }

                    return null;
                case 1:
                    if (type is not (TypeKind.Date or TypeKind.String))
                    {
                        return $"a date projection needs a date or string column, not {type}";
                    }

                    setting = "Format";
                    if (string.IsNullOrWhiteSpace(format))
                    {
                        return "a date projection needs a Format, e.g. \"yyyy-MM-dd\"";
                    }

                    if (type == TypeKind.Date && format != "yyyy-MM-dd")
                    {
                        return $"the job writes the date column '{column.Name}' as yyyy-MM-dd; use that Format";
                    }

                    setting = "Range";
                    var ends = range?.Split(',');
                    if (ends is not { Length: 2 } || ends[0].Trim().Length == 0 || ends[1].Trim().Length == 0)
                    {
                        return "Range must be \"start,end\", e.g. \"2024-01-01,NOW\"";
                    }

                    setting = "IntervalUnit";
                    if (unit is not null && Array.IndexOf(IntervalUnits, unit.Trim().ToUpperInvariant()) < 0)
                    {
                        return "IntervalUnit must be one of " + string.Join(", ", IntervalUnits);
                    }

                    return null;
                case 2:
                    setting = "Values";
                    if (values.Count == 0)
                    {
                        return "an enum projection needs Values";
                    }

                    foreach (var value in values)
                    {
                        if (value.Length == 0 || value.IndexOf(',') >= 0)
                        {
                            return "enum values must be non-empty and contain no comma";
                        }
                    }

                    return null;
                default:
                    setting = null;
                    return "the type must be Integer, Date or Enum";
            }
        }

        private Location PartitionKeyLocation(AttributeData partitionBy, int index)
        {
            if (partitionBy.ApplicationSyntaxReference?.GetSyntax(_ct) is AttributeSyntax { ArgumentList: { } list } syntax)
            {
                return index < list.Arguments.Count ? list.Arguments[index].GetLocation() : syntax.GetLocation();
            }

            return Location.None;
        }

        /// <summary>Stages in dependency order (inputs first), declaration order otherwise; a cycle is reported.</summary>
        private List<StageSpec>? Order(Dictionary<string, StageSpec> stages, List<string> declarationOrder, List<(IMethodSymbol Method, AttributeData? Sink)> methods)
        {
            var ordered = new List<StageSpec>(stages.Count);
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in declarationOrder)
            {
                if (!Visit(name))
                {
                    var method = methods.Find(m => m.Method.Name == name).Method;
                    Report(ParserRuleIds.StageCycle, method.Locations[0], $"stage '{name}' depends on itself through its inputs");
                    return null;
                }
            }

            return ordered;

            bool Visit(string name)
            {
                if (!stages.TryGetValue(name, out var stage))
                {
                    return true; // a source
                }

                state.TryGetValue(name, out var mark);
                if (mark == 2)
                {
                    return true;
                }

                if (mark == 1)
                {
                    return false;
                }

                state[name] = 1;
                foreach (var input in stage.Inputs)
                {
                    if (!Visit(input))
                    {
                        return false;
                    }
                }

                state[name] = 2;
                ordered.Add(stage);
                return true;
            }
        }

        private ExpressionSyntax? Body(IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax(_ct) is not MethodDeclarationSyntax declaration)
            {
                return null;
            }

            if (declaration.ExpressionBody is { } arrow)
            {
                return arrow.Expression;
            }

            return declaration.Body is { Statements: [ReturnStatementSyntax { Expression: { } returned }] } ? returned : null;
        }

        private static ITypeSymbol? DatasetRow(ITypeSymbol type) =>
            type is INamedTypeSymbol { TypeArguments.Length: 1 } named && AttributeReader.Is(named, KnownNames.Dataset) ? named.TypeArguments[0] : null;

        private static string MemberName(Dictionary<string, ITypeSymbol> known, string parameterName)
        {
            foreach (var key in known.Keys)
            {
                if (string.Equals(key, parameterName, StringComparison.OrdinalIgnoreCase))
                {
                    return key;
                }
            }

            return parameterName;
        }

        private bool Check(bool valid, string ruleId, AttributeData attribute, string? namedArgument, int position, string? message)
        {
            if (!valid)
            {
                Report(ruleId, AttributeReader.Location(attribute, namedArgument, position, _ct), message ?? "invalid value");
            }

            return valid;
        }

        private void Report(string ruleId, Location location, string message) => _problems.Add(new ParseProblem(ruleId, location, message));
    }

    private static bool IsPartialWithoutBody(IPropertySymbol property, CancellationToken ct)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(ct) is PropertyDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword)
                && declaration.ExpressionBody is null
                && declaration.AccessorList is { Accessors: [{ Body: null, ExpressionBody: null, RawKind: (int)SyntaxKind.GetAccessorDeclaration }] })
            {
                return true;
            }
        }

        return false;
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };
}
