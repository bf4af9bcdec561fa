using System.Globalization;
using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

internal sealed partial class Parser
{
    private Node Postfix()
    {
        var start = Current.Start;
        var node = Primary();
        while (true)
        {
            var token = Current;
            if (token.Kind is TokenKind.Dot or TokenKind.QuestionDot)
            {
                Advance();
                var name = FieldName(" after '.'");
                node = Tall(new FieldNode(name.Start, node, FieldText(name), token.Kind == TokenKind.QuestionDot, TextSince(start, token)), node);
            }
            else if (token.Kind is TokenKind.LBracket or TokenKind.QuestionBracket)
            {
                Advance();
                Enter();
                var index = Expression();
                Leave();
                Expect(TokenKind.RBracket, "']'");
                node = Tall(new IndexNode(token.Start, node, index, token.Kind == TokenKind.QuestionBracket, TextSince(start, token)), node, index);
            }
            else if (token.Kind == TokenKind.LParen)
            {
                throw new SyntaxErrorException(token.Start, "Only built-in functions can be called, like sum(list)");
            }
            else
            {
                return node;
            }
        }
    }

    /// <summary>A field name is any word, keywords included (<c>form.in</c>, <c>{ if: 1 }</c>).</summary>
    private Lexeme FieldName(string where)
    {
        var token = Current;
        if (token.Kind == TokenKind.Identifier || (token.Kind >= TokenKind.True && token.Kind <= TokenKind.Else)) return Advance();
        throw new SyntaxErrorException(token.Start, $"Expected a field name{where} but found {token.Describe(_source)}");
    }

    private string FieldText(Lexeme token) => token.Text ?? _source.Substring(token.Start, token.Length);

    private string TextSince(int start, Lexeme end) => _source[start..end.Start].Trim();

    private Node Primary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number: Advance(); return new ConstantNode(token.Start, new NumberValue(ParseNumber(token)));
            case TokenKind.String: Advance(); return new ConstantNode(token.Start, new StringValue(token.Text!));
            case TokenKind.True: Advance(); return new ConstantNode(token.Start, Value.True);
            case TokenKind.False: Advance(); return new ConstantNode(token.Start, Value.False);
            case TokenKind.Null: Advance(); return new ConstantNode(token.Start, Value.Null);
            case TokenKind.Date: Advance(); return DateLiteral(token);
            case TokenKind.Duration: Advance(); return DurationLiteral(token);
            case TokenKind.Identifier: return Name();
            case TokenKind.LParen:
                Advance();
                var inner = Expression();
                Expect(TokenKind.RParen, "')'");
                return inner;
            case TokenKind.LBracket: return ListLiteral();
            case TokenKind.LBrace: return RecordLiteral();
            case TokenKind.If: return Conditional();
            default: throw Unexpected(token);
        }
    }

    private static decimal ParseNumber(Lexeme token)
    {
        if (decimal.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
        throw new SyntaxErrorException(token.Start, $"Number {token.Text} is out of range");
    }

    private static Node DateLiteral(Lexeme token)
    {
        if (!DateText.TryParse(token.Text!, out var local, out var offset))
        {
            throw new SyntaxErrorException(token.Start, $"Invalid date '@{token.Text}' (write e.g. @2026-11-22 or @2026-11-22T09:30:00+08:00)");
        }
        return offset is { } fixedOffset
            ? new ConstantNode(token.Start, new DateValue(new DateTimeOffset(local, fixedOffset)))
            : new LocalDateNode(token.Start, local);
    }

    private static ConstantNode DurationLiteral(Lexeme token)
    {
        var error = IsoDuration.TryParseCore(token.Text, out var duration);
        if (error is not null) throw new SyntaxErrorException(token.Start, $"Invalid duration '@{token.Text}': {error}");
        return new ConstantNode(token.Start, new DurationValue(duration));
    }

    private Node Name()
    {
        var token = Advance();
        var name = token.Text!;
        if (Current.Kind == TokenKind.LParen) return Call(token);
        if (Current.Kind == TokenKind.Arrow)
        {
            throw new SyntaxErrorException(token.Start, "A lambda like 'x -> ...' is only allowed as an argument of functions such as filter or map");
        }
        for (var slot = _lambdaParameters.Count - 1; slot >= 0; slot--)
        {
            if (_lambdaParameters[slot] == name) return new LocalNode(token.Start, slot);
        }
        AddRoot(name);
        return new VariableNode(token.Start, name);
    }

    private IfNode Conditional()
    {
        var token = Advance();
        Enter();
        var condition = Expression();
        Expect(TokenKind.Then, "'then'");
        var whenTrue = Expression();
        Expect(TokenKind.Else, "'else'");
        var whenFalse = Expression();
        Leave();
        return Tall(new IfNode(token.Start, condition, whenTrue, whenFalse), condition, whenTrue, whenFalse);
    }
}
