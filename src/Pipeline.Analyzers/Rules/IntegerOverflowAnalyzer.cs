using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Pipeline.Analyzers.Support;

namespace Pipeline.Analyzers.Rules;

/// <summary>
/// PIPE110: integer arithmetic in a stage that can leave its type's range. The engines do not agree there: unchecked C#
/// wraps (<c>int.MaxValue + 1</c> is <c>int.MinValue</c>), Spark with ANSI off wraps, DuckDB fails the run with an
/// out-of-range error (docs/translation.md, "Known differences"). The analyzer computes the range of each <c>*</c>,
/// <c>+</c> and <c>-</c> on <c>int</c>/<c>long</c> from its operands: a constant is itself, a column with
/// <c>[Range(min, max)]</c> (checked by the data-quality ruleset, so a run never sees other values) is that range, any
/// other value spans its type. A product is reported whenever its range overflows; a sum or difference only when every
/// operand is bounded — <c>x + 1</c> on an unbounded column is how counters are written, and reporting it would bury
/// the products, where overflow happens in practice (quantity × unit price in cents).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class IntegerOverflowAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.IntegerOverflow);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = DslSymbols.Create(start.Compilation);
            var range = start.Compilation.GetTypeByMetadataName("Pipeline.Dsl.RangeAttribute");
            if (symbols is null)
            {
                return;
            }

            start.RegisterOperationAction(c => Analyze(c, symbols, range), OperationKind.Binary);
        });
    }

    private static void Analyze(OperationAnalysisContext context, DslSymbols symbols, INamedTypeSymbol? rangeAttribute)
    {
        var operation = (IBinaryOperation)context.Operation;
        if (!IsArithmetic(operation) || operation.Parent is IBinaryOperation parent && IsArithmetic(parent))
        {
            return; // the outermost arithmetic operation reports for its whole tree (innermost overflow first)
        }

        if (!InStage(context.ContainingSymbol, symbols, context.CancellationToken))
        {
            return;
        }

        Report(context, operation, rangeAttribute);
    }

    /// <summary>Walks the tree below an outermost operation; reports the innermost operations that can overflow.</summary>
    private static Interval Report(OperationAnalysisContext context, IOperation operation, INamedTypeSymbol? rangeAttribute)
    {
        if (operation is not IBinaryOperation binary || !IsArithmetic(binary))
        {
            return Of(operation, rangeAttribute);
        }

        var left = Report(context, binary.LeftOperand, rangeAttribute);
        var right = Report(context, binary.RightOperand, rangeAttribute);
        var type = Interval.OfType(ResultType(binary))!.Value;
        var result = binary.OperatorKind switch
        {
            BinaryOperatorKind.Multiply => left.Times(right),
            BinaryOperatorKind.Add => left.Plus(right),
            _ => left.Minus(right),
        };

        var report = left.Fits && right.Fits && !type.Contains(result)
            && (binary.OperatorKind == BinaryOperatorKind.Multiply || left.Bounded && right.Bounded);
        if (report)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.IntegerOverflow,
                binary.Syntax.GetLocation(),
                binary.Syntax.ToString(),
                Keyword(ResultType(binary)),
                result.ToString()));
        }

        // Above an operation that can overflow, the range is the whole type (C# wraps) and nothing more is reported.
        return report || !type.Contains(result) ? type with { Fits = false } : result;
    }

    private static bool IsArithmetic(IBinaryOperation operation) =>
        operation.OperatorMethod is null
        && !operation.IsChecked
        && operation.OperatorKind is BinaryOperatorKind.Multiply or BinaryOperatorKind.Add or BinaryOperatorKind.Subtract
        && Interval.OfType(ResultType(operation)) is not null;

    private static ITypeSymbol? ResultType(IBinaryOperation operation) => Underlying(operation.Type);

    private static ITypeSymbol? Underlying(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    /// <summary>The values an operand can take: its constant, its column's declared range, or its type's.</summary>
    private static Interval Of(IOperation operand, INamedTypeSymbol? rangeAttribute)
    {
        if (operand.ConstantValue is { HasValue: true, Value: { } constant } && Integer(constant) is { } value)
        {
            return new Interval(value, value, Bounded: true, Fits: true);
        }

        switch (operand)
        {
            case IConversionOperation conversion when Interval.OfType(Underlying(conversion.Type)) is { } target:
                // A widening conversion keeps the operand's range; a narrowing one may wrap into the target's.
                var inner = Of(conversion.Operand, rangeAttribute);
                return target.Contains(inner) ? inner : target;
            case IPropertyReferenceOperation property when Declared(property.Property, rangeAttribute) is { } declared:
                return declared;
            default:
                return Interval.OfType(Underlying(operand.Type)) ?? Interval.Unknown;
        }
    }

    /// <summary><c>[Range(min, max)]</c> on a column, within its type.</summary>
    private static Interval? Declared(IPropertySymbol property, INamedTypeSymbol? rangeAttribute)
    {
        if (DslSymbols.Find(property, rangeAttribute) is not { ConstructorArguments.Length: 2 } range
            || Interval.OfType(Underlying(property.Type)) is not { } type
            || range.ConstructorArguments[0].Value is not double min
            || range.ConstructorArguments[1].Value is not double max
            || double.IsNaN(min) || double.IsNaN(max) || min > max)
        {
            return null;
        }

        var declared = new Interval(Clamp(System.Math.Ceiling(min), type), Clamp(System.Math.Floor(max), type), Bounded: true, Fits: true);
        return declared.Low > declared.High ? null : declared;
    }

    private static BigInteger Clamp(double value, Interval type) =>
        value <= (double)type.Low ? type.Low : value >= (double)type.High ? type.High : new BigInteger(value);

    private static BigInteger? Integer(object constant) => constant switch
    {
        int i => i,
        long l => l,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        char c => c,
        _ => null,
    };

    private static string Keyword(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_Int64 ? "long" : "int";

    /// <summary>In a method of a <c>[GlueJob]</c> class (a stage body, including its lambdas) that is not being typed.</summary>
    private static bool InStage(ISymbol? symbol, DslSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol is IMethodSymbol { ContainingType: { } type } && symbols.GetGlueJob(type) is not null
            && !EditState.BeingTyped(type, cancellationToken);
    }

    /// <summary>
    /// A closed range of integers. <see cref="Bounded"/>: narrower than its type because something declared it
    /// (a constant, a <c>[Range]</c>); <see cref="Fits"/>: false above an operation that can already overflow.
    /// </summary>
    private readonly record struct Interval(BigInteger Low, BigInteger High, bool Bounded, bool Fits)
    {
        public static readonly Interval Unknown = new(long.MinValue, long.MaxValue, Bounded: false, Fits: true);

        public static Interval? OfType(ITypeSymbol? type) => type?.SpecialType switch
        {
            SpecialType.System_Int32 => new Interval(int.MinValue, int.MaxValue, false, true),
            SpecialType.System_Int64 => new Interval(long.MinValue, long.MaxValue, false, true),
            SpecialType.System_Int16 => new Interval(short.MinValue, short.MaxValue, false, true),
            SpecialType.System_Byte => new Interval(byte.MinValue, byte.MaxValue, false, true),
            SpecialType.System_SByte => new Interval(sbyte.MinValue, sbyte.MaxValue, false, true),
            SpecialType.System_UInt16 => new Interval(ushort.MinValue, ushort.MaxValue, false, true),
            SpecialType.System_UInt32 => new Interval(uint.MinValue, uint.MaxValue, false, true),
            _ => null,
        };

        public bool Contains(Interval other) => Low <= other.Low && other.High <= High;

        public Interval Plus(Interval other) => new(Low + other.Low, High + other.High, Bounded && other.Bounded, true);

        public Interval Minus(Interval other) => new(Low - other.High, High - other.Low, Bounded && other.Bounded, true);

        public Interval Times(Interval other)
        {
            var a = Low * other.Low;
            var b = Low * other.High;
            var c = High * other.Low;
            var d = High * other.High;
            return new(BigInteger.Min(BigInteger.Min(a, b), BigInteger.Min(c, d)), BigInteger.Max(BigInteger.Max(a, b), BigInteger.Max(c, d)), Bounded && other.Bounded, true);
        }

        public override string ToString() =>
            Low.ToString(CultureInfo.InvariantCulture) + ".." + High.ToString(CultureInfo.InvariantCulture);
    }
}
