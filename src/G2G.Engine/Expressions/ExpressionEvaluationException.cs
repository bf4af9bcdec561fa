using System.Diagnostics.CodeAnalysis;

namespace G2G.Engine.Expressions;

/// <summary>Why an evaluation failed.</summary>
public enum EvaluationErrorCode
{
    /// <summary>A root variable is not in the scope.</summary>
    MissingVariable,
    /// <summary>A field or index was read on null with <c>.</c> or <c>[]</c> (use <c>?.</c> to get null instead).</summary>
    MissingField,
    /// <summary>An operator or function got a value of the wrong kind, or a condition was not boolean.</summary>
    TypeMismatch,
    /// <summary><c>/</c> or <c>%</c> by zero.</summary>
    DivisionByZero,
    /// <summary>Reserved: unknown functions are rejected when parsing, so evaluation never reports this.</summary>
    UnknownFunction,
    /// <summary>A function argument has the right kind but an invalid value, or no calendar is configured.</summary>
    ArgumentError,
    /// <summary>A step, text length, list length or nesting limit was exceeded, or a number overflowed.</summary>
    LimitExceeded,
    /// <summary>The working calendar has no data for the year asked about.</summary>
    CalendarMissing,
}

/// <summary>An expression or script failed while evaluating; says why and where.</summary>
public sealed class ExpressionEvaluationException : Exception
{
    private string _source;

    /// <summary>Creates the exception; the message gets the position appended.</summary>
    public ExpressionEvaluationException(EvaluationErrorCode code, string message, string source, int offset, Exception? innerException = null)
        : base(Describe(message, source, offset), innerException)
    {
        ArgumentNullException.ThrowIfNull(source);
        Code = code;
        _source = source;
        Offset = offset;
        (Line, Column) = TextPosition.Of(source, offset);
        Reason = message;
    }

    /// <summary>The kind of failure.</summary>
    public EvaluationErrorCode Code { get; }

    /// <summary>The expression or script text that failed (replaces <see cref="Exception.Source"/>'s usual meaning).</summary>
    [AllowNull]
    public override string Source
    {
        get => _source;
        set => _source = value ?? "";
    }

    /// <summary>0-based offset of the failing part in <see cref="Source"/>.</summary>
    public int Offset { get; }

    /// <summary>1-based line of <see cref="Offset"/>.</summary>
    public int Line { get; }

    /// <summary>1-based column of <see cref="Offset"/>.</summary>
    public int Column { get; }

    /// <summary>The message without the position.</summary>
    public string Reason { get; }

    private static string Describe(string message, string source, int offset)
    {
        var (line, column) = TextPosition.Of(source ?? "", offset);
        return $"{message} at {line}:{column}";
    }
}
