using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Pipeline.Dsl;

/// <summary>
/// A typed dataset. In a pipeline class the query written over it is translated at compile time to PySpark
/// (and DuckDB SQL); run directly, the same operators execute in memory, which makes C# the reference
/// semantics the translations are tested against.
/// </summary>
/// <remarks>The operator set is closed on purpose: anything the translator cannot turn into native Spark is
/// not offered here, and what is offered is translated exactly.</remarks>
public sealed class Dataset<T> : IEnumerable<T>
{
    private readonly IReadOnlyList<T> _rows;

    internal Dataset(IReadOnlyList<T> rows) => _rows = rows;

    /// <summary>A dataset with no rows.</summary>
    public static Dataset<T> Empty { get; } = new(Array.Empty<T>());

    public int Count => _rows.Count;

    public Dataset<T> Where(Func<T, bool> predicate) => new(_rows.Where(predicate).ToList());

    public Dataset<TResult> Select<TResult>(Func<T, TResult> selector) => new(_rows.Select(selector).ToList());

    /// <summary>Keeps one row per key. Which row survives is unspecified on Spark; in memory it is the first.</summary>
    public Dataset<T> DistinctBy<TKey>(Func<T, TKey> key)
    {
        var seen = new HashSet<TKey>();
        return new(_rows.Where(r => seen.Add(key(r))).ToList());
    }

    public Dataset<TResult> GroupBy<TKey, TResult>(Func<T, TKey> key, Func<TKey, Group<T>, TResult> result) =>
        new(_rows.GroupBy(key).Select(g => result(g.Key, new Group<T>(g.ToList()))).ToList());

    /// <summary>Inner join on key equality. A key that is null, or a composite key with a null part, never matches (as in SQL).</summary>
    public Dataset<TResult> Join<TRight, TKey, TResult>(
        Dataset<TRight> right, Func<T, TKey> leftKey, Func<TRight, TKey> rightKey, Func<T, TRight, TResult> result) =>
        new(_rows.Where(l => !KeyHasNull(leftKey(l)))
            .Join(right.Where(r => !KeyHasNull(rightKey(r))), leftKey, rightKey, result).ToList());

    /// <summary>Left outer join on key equality; <c>right</c> is null in the result selector when nothing matched.</summary>
    public Dataset<TResult> LeftJoin<TRight, TKey, TResult>(
        Dataset<TRight> right, Func<T, TKey> leftKey, Func<TRight, TKey> rightKey, Func<T, TRight?, TResult> result)
        where TRight : class
    {
        var lookup = right.Where(r => !KeyHasNull(rightKey(r))).ToLookup(rightKey);
        var rows = new List<TResult>();
        foreach (var l in _rows)
        {
            var key = leftKey(l);
            var matches = KeyHasNull(key) ? Enumerable.Empty<TRight>() : lookup[key];
            var any = false;
            foreach (var r in matches)
            {
                any = true;
                rows.Add(result(l, r));
            }

            if (!any)
            {
                rows.Add(result(l, null));
            }
        }

        return new(rows);
    }

    /// <summary>Rows of both datasets without duplicates (set union, like LINQ and SQL <c>UNION</c>).</summary>
    public Dataset<T> Union(Dataset<T> other) => new(_rows.Union(other._rows).ToList());

    /// <summary>Rows of both datasets, duplicates kept (SQL <c>UNION ALL</c>).</summary>
    public Dataset<T> Concat(Dataset<T> other) => new(_rows.Concat(other._rows).ToList());

    public IEnumerator<T> GetEnumerator() => _rows.GetEnumerator();

    /// <summary>SQL and Spark compare join keys part by part, and a null part never equals anything.</summary>
    private static bool KeyHasNull<TKey>(TKey key)
    {
        if (key is null)
        {
            return true;
        }

        var type = key.GetType();
        if (type.Name.Contains("AnonymousType") || type.FullName?.StartsWith("System.ValueTuple", StringComparison.Ordinal) == true)
        {
            foreach (var property in type.GetProperties())
            {
                if (property.GetIndexParameters().Length == 0 && property.GetValue(key) is null)
                {
                    return true;
                }
            }

            foreach (var field in type.GetFields())
            {
                if (!field.IsStatic && field.GetValue(key) is null)
                {
                    return true;
                }
            }
        }

        return false;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>Creates in-memory datasets.</summary>
public static class Dataset
{
    public static Dataset<T> From<T>(IEnumerable<T> rows) => new(rows.ToList());

    public static Dataset<T> From<T>(params T[] rows) => new(rows.ToList());
}

/// <summary>The rows of one group inside <see cref="Dataset{T}.GroupBy{TKey, TResult}"/>; only aggregates are offered.</summary>
public sealed class Group<T>
{
    private readonly IReadOnlyList<T> _rows;

    internal Group(IReadOnlyList<T> rows) => _rows = rows;

    public int Count() => _rows.Count;

    public long LongCount() => _rows.Count;

    public int Sum(Func<T, int> value) => _rows.Sum(value);

    public long Sum(Func<T, long> value) => _rows.Sum(value);

    public decimal Sum(Func<T, decimal> value) => _rows.Sum(value);

    public double Sum(Func<T, double> value) => _rows.Sum(value);

    public decimal Average(Func<T, decimal> value) => _rows.Average(value);

    public double Average(Func<T, double> value) => _rows.Average(value);

    public double Average(Func<T, int> value) => _rows.Average(value);

    public double Average(Func<T, long> value) => _rows.Average(value);

    /// <summary>The smallest value; strings compare ordinally (by character code), as SQL and Spark do, not by culture.</summary>
    public TValue? Min<TValue>(Func<T, TValue> value) => Extreme(value, -1);

    /// <summary>The largest value; strings compare ordinally (by character code), as SQL and Spark do, not by culture.</summary>
    public TValue? Max<TValue>(Func<T, TValue> value) => Extreme(value, 1);

    /// <summary>Like LINQ's Min/Max (nulls are skipped; all null gives null) with an ordinal order for strings.</summary>
    private TValue? Extreme<TValue>(Func<T, TValue> value, int sign)
    {
        var comparer = typeof(TValue) == typeof(string) ? (IComparer<TValue>)(object)StringComparer.Ordinal : Comparer<TValue>.Default;
        var found = false;
        TValue best = default!;
        foreach (var row in _rows)
        {
            var current = value(row);
            if (current is null)
            {
                continue;
            }

            if (!found || sign * comparer.Compare(current, best) > 0)
            {
                best = current;
                found = true;
            }
        }

        return best;
    }
}
