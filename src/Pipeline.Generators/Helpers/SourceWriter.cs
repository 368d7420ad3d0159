using System;
using System.Text;

namespace Pipeline.Generators.Helpers;

/// <summary>
/// Indentation-aware text builder shared by every emitter (C#, Python, DQDL, JSON).
/// Lines always end in <c>\n</c>, whatever the machine, so output is byte-identical everywhere.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private readonly string _indentUnit;
    private int _indentation;

    public SourceWriter(int indentSize = 4) => _indentUnit = new string(' ', indentSize);

    public int Indentation
    {
        get => _indentation;
        set => _indentation = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
    }

    public SourceWriter WriteLine()
    {
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes one or more lines (split on <c>\n</c>), each indented; blank lines stay empty.</summary>
    public SourceWriter WriteLine(string text)
    {
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            var line = end < 0 ? text.Substring(start) : text.Substring(start, end - start);
            line = line.TrimEnd('\r');
            if (line.Length > 0)
            {
                for (var i = 0; i < _indentation; i++)
                {
                    _builder.Append(_indentUnit);
                }

                _builder.Append(line);
            }

            _builder.Append('\n');
            if (end < 0)
            {
                return this;
            }

            start = end + 1;
        }
    }

    /// <summary>Writes text with no indentation and no line break.</summary>
    public SourceWriter Write(string text)
    {
        _builder.Append(text);
        return this;
    }

    public override string ToString() => _builder.ToString();
}
