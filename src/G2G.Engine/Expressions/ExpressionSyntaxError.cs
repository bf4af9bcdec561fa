namespace G2G.Engine.Expressions;

/// <summary>
/// A syntax error in an expression or script: a plain-language message and where it happened.
/// </summary>
/// <param name="Message">What is wrong, e.g. <c>Expected ')' but found end of expression</c>.</param>
/// <param name="Offset">0-based character offset inside the source text.</param>
/// <param name="Line">1-based line inside the source text.</param>
/// <param name="Column">1-based column inside that line.</param>
public sealed record ExpressionSyntaxError(string Message, int Offset, int Line, int Column)
{
    /// <summary>The message with its position, e.g. <c>Expected ')' at 1:14</c>.</summary>
    public override string ToString() => $"{Message} at {Line}:{Column}";

    internal static ExpressionSyntaxError At(string source, int offset, string message)
    {
        var (line, column) = TextPosition.Of(source, offset);
        return new ExpressionSyntaxError(message, offset, line, column);
    }
}

/// <summary>Thrown by <see cref="Expression.Parse(string)"/> and <see cref="Script.Parse(string)"/> for invalid text.</summary>
public sealed class ExpressionSyntaxException : FormatException
{
    /// <summary>Wraps <paramref name="error"/>; the message includes its position.</summary>
    public ExpressionSyntaxException(ExpressionSyntaxError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString()) => Error = error;

    /// <summary>The message and its position.</summary>
    public ExpressionSyntaxError Error { get; }
}

/// <summary>Turns offsets into 1-based line and column numbers (a CR LF pair is one line break).</summary>
internal static class TextPosition
{
    public static (int Line, int Column) Of(string source, int offset)
    {
        var line = 1;
        var lineStart = 0;
        var end = Math.Min(offset, source.Length);
        for (var i = 0; i < end; i++)
        {
            if (source[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }
        return (line, offset - lineStart + 1);
    }
}
