namespace G2G.Engine.Expressions;

internal enum TokenKind
{
    End,
    Number, String, Date, Duration, Identifier,
    True, False, Null, And, Or, Not, In, If, Then, Else,
    LParen, RParen, LBracket, RBracket, LBrace, RBrace,
    Comma, Colon, Semicolon, Dot, QuestionDot, QuestionBracket, Arrow,
    Plus, Minus, Star, Slash, Percent,
    Assign, EqualEqual, NotEqual, Less, LessEqual, Greater, GreaterEqual,
    AndAnd, OrOr, Bang,
}

/// <summary>One lexeme (a token of the expression language): its kind, where it is, and for literals and names the decoded text.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Start">0-based offset of its first character.</param>
/// <param name="Length">Length in the source.</param>
/// <param name="Text">Identifier name, decoded string, or raw number/date/duration text.</param>
/// <param name="NewLineBefore">A line break separates it from the previous token (ends script statements).</param>
internal readonly record struct Lexeme(TokenKind Kind, int Start, int Length, string? Text, bool NewLineBefore)
{
    /// <summary>How the token reads in messages: <c>'then'</c>, <c>')'</c> or <c>end of expression</c>.</summary>
    public string Describe(string source) => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.String => string.Concat("text ", source.AsSpan(Start, Math.Min(Length, 30))),
        _ => string.Concat("'", source.AsSpan(Start, Math.Min(Length, 30)), "'"),
    };
}

/// <summary>Internal carrier of a syntax error from the lexer or parser to <c>Parse</c>/<c>TryParse</c>.</summary>
internal sealed class SyntaxErrorException(int offset, string message) : Exception(message)
{
    public int Offset { get; } = offset;
}
