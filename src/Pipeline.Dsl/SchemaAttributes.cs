using System;

namespace Pipeline.Dsl;

/// <summary>Overrides a property's column name (default: the property name in snake_case).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ColumnAttribute : Attribute
{
    public ColumnAttribute(string name) => Name = name;

    public string Name { get; }
}

/// <summary>Precision and scale of a <see cref="decimal"/> column; the default is decimal(18,2).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class DecimalAttribute : Attribute
{
    public DecimalAttribute(int precision, int scale)
    {
        Precision = precision;
        Scale = scale;
    }

    public int Precision { get; }

    public int Scale { get; }
}

/// <summary>Quality: the column is never null (<c>IsComplete</c>).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class NotNullAttribute : Attribute
{
}

/// <summary>Quality: the column is a key: never null and unique (<c>IsComplete</c> and <c>IsUnique</c>).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class KeyAttribute : Attribute
{
}

/// <summary>Quality: values are unique (<c>IsUnique</c>).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class UniqueAttribute : Attribute
{
}

/// <summary>Quality: values lie between <see cref="Minimum"/> and <see cref="Maximum"/>, inclusive.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class RangeAttribute : Attribute
{
    public RangeAttribute(double minimum, double maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    public double Minimum { get; }

    public double Maximum { get; }
}

/// <summary>Quality: values are one of the given strings.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class AllowedValuesAttribute : Attribute
{
    public AllowedValuesAttribute(params string[] values) => Values = values;

    public string[] Values { get; }
}

/// <summary>Quality: values match a regular expression.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class PatternAttribute : Attribute
{
    public PatternAttribute(string regex) => Regex = regex;

    public string Regex { get; }
}

/// <summary>Quality: string values are at most this long.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class MaxLengthAttribute : Attribute
{
    public MaxLengthAttribute(int length) => Length = length;

    public int Length { get; }
}
