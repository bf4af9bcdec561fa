using System.Globalization;
using System.Text;

namespace G2G.Engine.Expressions;

internal sealed partial class Lexer
{
    private void ReadString(char quote)
    {
        var start = _pos++;
        var text = new StringBuilder();
        while (true)
        {
            if (_pos >= _source.Length) throw new SyntaxErrorException(start, "Unterminated string");
            var c = _source[_pos];
            if (c == quote)
            {
                _pos++;
                Add(TokenKind.String, start, text.ToString());
                return;
            }
            if (c != '\\')
            {
                text.Append(c);
                _pos++;
                continue;
            }
            text.Append(ReadEscape());
        }
    }

    private char ReadEscape()
    {
        var start = _pos;
        var c = Peek(1);
        _pos += 2;
        switch (c)
        {
            case '\\': return '\\';
            case '\'': return '\'';
            case '"': return '"';
            case '/': return '/';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (_pos + 4 <= _source.Length &&
                    ushort.TryParse(_source.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    _pos += 4;
                    return (char)code;
                }
                throw new SyntaxErrorException(start, "Invalid escape: '\\u' needs four hex digits");
            case '\0' when start + 1 >= _source.Length:
                throw new SyntaxErrorException(start, "Unterminated string");
            default:
                throw new SyntaxErrorException(start, $"Unknown escape '\\{c}' (use \\\\, \\', \\\", \\n, \\r, \\t or \\uXXXX)");
        }
    }

    /// <summary><c>@2026-11-22</c>, <c>@2026-11-22T09:30:00+08:00</c> or a duration <c>@P3D</c> / <c>@-PT4H</c>.</summary>
    private void ReadAtLiteral()
    {
        var start = _pos++;
        if (Peek() == 'P' || (Peek() == '-' && Peek(1) == 'P'))
        {
            var textStart = _pos++;
            // No ',' decimal mark here: a comma inside [@PT2H, @PT30M] separates list items.
            while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '.') _pos++;
            Add(TokenKind.Duration, start, _source[textStart.._pos]);
            return;
        }
        if (!char.IsAsciiDigit(Peek()))
        {
            throw new SyntaxErrorException(start, "Expected a date like @2026-11-22 or a duration like @P3D after '@'");
        }
        var dateStart = _pos;
        ScanDateTime();
        Add(TokenKind.Date, start, _source[dateStart.._pos]);
    }

    // Consumes only what fits yyyy-MM-dd[THH:mm[:ss[.f+]]][Z|±hh:mm], so `@2026-11-22-@P1D` still lexes.
    private void ScanDateTime()
    {
        while (char.IsAsciiDigit(Peek()) || Peek() == '-' && char.IsAsciiDigit(Peek(1))) _pos++;
        if (Peek() != 'T' || !char.IsAsciiDigit(Peek(1))) return;
        _pos++;
        while (char.IsAsciiDigit(Peek()) || Peek() == ':' && char.IsAsciiDigit(Peek(1))) _pos++;
        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            _pos++;
            while (char.IsAsciiDigit(Peek())) _pos++;
        }
        if (Peek() == 'Z')
        {
            _pos++;
        }
        else if (Peek() is '+' or '-' && char.IsAsciiDigit(Peek(1)) && char.IsAsciiDigit(Peek(2)) && Peek(3) == ':')
        {
            _pos += 4;
            while (char.IsAsciiDigit(Peek())) _pos++;
        }
    }

    private void ReadPunctuation(char c)
    {
        var start = _pos;
        var next = Peek(1);
        var (kind, length) = (c, next) switch
        {
            ('?', '.') => (TokenKind.QuestionDot, 2),
            ('?', '[') => (TokenKind.QuestionBracket, 2),
            ('-', '>') => (TokenKind.Arrow, 2),
            ('=', '=') => (TokenKind.EqualEqual, 2),
            ('!', '=') or ('<', '>') => (TokenKind.NotEqual, 2),
            ('<', '=') => (TokenKind.LessEqual, 2),
            ('>', '=') => (TokenKind.GreaterEqual, 2),
            ('&', '&') => (TokenKind.AndAnd, 2),
            ('|', '|') => (TokenKind.OrOr, 2),
            ('(', _) => (TokenKind.LParen, 1),
            (')', _) => (TokenKind.RParen, 1),
            ('[', _) => (TokenKind.LBracket, 1),
            (']', _) => (TokenKind.RBracket, 1),
            ('{', _) => (TokenKind.LBrace, 1),
            ('}', _) => (TokenKind.RBrace, 1),
            (',', _) => (TokenKind.Comma, 1),
            (':', _) => (TokenKind.Colon, 1),
            (';', _) => (TokenKind.Semicolon, 1),
            ('.', _) => (TokenKind.Dot, 1),
            ('+', _) => (TokenKind.Plus, 1),
            ('-', _) => (TokenKind.Minus, 1),
            ('*', _) => (TokenKind.Star, 1),
            ('/', _) => (TokenKind.Slash, 1),
            ('%', _) => (TokenKind.Percent, 1),
            ('=', _) => (TokenKind.Assign, 1),
            ('<', _) => (TokenKind.Less, 1),
            ('>', _) => (TokenKind.Greater, 1),
            ('!', _) => (TokenKind.Bang, 1),
            _ => (TokenKind.End, 0),
        };
        if (length == 0)
        {
            var hint = c switch { '&' => " (use 'and' or '&&')", '|' => " (use 'or' or '||')", _ => "" };
            throw new SyntaxErrorException(start, $"Unexpected character '{c}'{hint}");
        }
        _pos += length;
        Add(kind, start);
    }
}
