namespace G2G.Engine.Expressions;

/// <summary>
/// Splits source text into tokens. Whitespace and <c>//</c> comments separate tokens; line breaks are
/// remembered on the following token because scripts use them to end statements.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string _source;
    private readonly List<Lexeme> _tokens = [];
    private int _pos;
    private bool _newLine;

    private Lexer(string source) => _source = source;

    /// <summary>All tokens of <paramref name="source"/>, ending with an <see cref="TokenKind.End"/> token.</summary>
    public static List<Lexeme> Tokenize(string source)
    {
        var lexer = new Lexer(source);
        lexer.Run();
        return lexer._tokens;
    }

    /// <summary>True when <paramref name="text"/> can be written as a bare field name or variable (not a keyword).</summary>
    public static bool IsPlainIdentifier(string text)
    {
        if (text.Length == 0 || !IsIdentifierStart(text[0])) return false;
        foreach (var c in text)
        {
            if (!IsIdentifierPart(c)) return false;
        }
        return KeywordKind(text) is null;
    }

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static TokenKind? KeywordKind(string word) => word switch
    {
        "true" => TokenKind.True,
        "false" => TokenKind.False,
        "null" => TokenKind.Null,
        "and" => TokenKind.And,
        "or" => TokenKind.Or,
        "not" => TokenKind.Not,
        "in" => TokenKind.In,
        "if" => TokenKind.If,
        "then" => TokenKind.Then,
        "else" => TokenKind.Else,
        _ => null,
    };

    private char Peek(int ahead = 0) => _pos + ahead < _source.Length ? _source[_pos + ahead] : '\0';

    private void Add(TokenKind kind, int start, string? text = null)
    {
        _tokens.Add(new Lexeme(kind, start, _pos - start, text, _newLine));
        _newLine = false;
    }

    private void Run()
    {
        while (true)
        {
            SkipTrivia();
            if (_pos >= _source.Length)
            {
                Add(TokenKind.End, _pos);
                return;
            }
            var c = _source[_pos];
            if (char.IsAsciiDigit(c)) ReadNumber();
            else if (IsIdentifierStart(c)) ReadWord();
            else if (c is '\'' or '"') ReadString(c);
            else if (c == '@') ReadAtLiteral();
            else ReadPunctuation(c);
        }
    }

    private void SkipTrivia()
    {
        while (_pos < _source.Length)
        {
            var c = _source[_pos];
            if (c == '\n') { _newLine = true; _pos++; }
            else if (char.IsWhiteSpace(c)) _pos++;
            else if (c == '/' && Peek(1) == '/')
            {
                while (_pos < _source.Length && _source[_pos] != '\n') _pos++;
            }
            else return;
        }
    }

    private void ReadWord()
    {
        var start = _pos;
        while (_pos < _source.Length && IsIdentifierPart(_source[_pos])) _pos++;
        var word = _source[start.._pos];
        if (KeywordKind(word) is { } keyword) Add(keyword, start);
        else Add(TokenKind.Identifier, start, word);
    }

    private void ReadNumber()
    {
        var start = _pos;
        while (char.IsAsciiDigit(Peek())) _pos++;
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            while (char.IsAsciiDigit(Peek())) _pos++;
        }
        if (Peek() is 'e' or 'E')
        {
            var sign = Peek(1) is '+' or '-' ? 1 : 0;
            if (char.IsAsciiDigit(Peek(1 + sign)))
            {
                _pos += 1 + sign;
                while (char.IsAsciiDigit(Peek())) _pos++;
            }
        }
        if (IsIdentifierStart(Peek()))
        {
            throw new SyntaxErrorException(start, $"Invalid number '{_source[start..(_pos + 1)]}'");
        }
        Add(TokenKind.Number, start, _source[start.._pos]);
    }
}
