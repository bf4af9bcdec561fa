namespace G2G.Engine.Expressions;

/// <summary>One step of an assignment target: <c>.name</c> or <c>[index]</c>.</summary>
internal readonly record struct TargetSegment(int Offset, string? Field, Node? Index);

/// <summary><c>root.path[i] = value</c>, with the roots its right side and indexes read.</summary>
internal sealed record ScriptStatement(int Offset, string Root, TargetSegment[] Path, Node Value, string[] Reads);

internal sealed partial class Parser
{
    public static (List<ScriptStatement> Statements, int Slots) ParseScript(string source, ExpressionLimits limits)
    {
        var parser = new Parser(source, limits);
        var statements = new List<ScriptStatement>();
        while (true)
        {
            while (parser.Accept(TokenKind.Semicolon)) { }
            if (parser.Current.Kind == TokenKind.End) break;
            statements.Add(parser.Statement());
            var next = parser.Current;
            if (next.Kind is not (TokenKind.End or TokenKind.Semicolon) && !next.NewLineBefore)
            {
                throw new SyntaxErrorException(next.Start, $"Expected ';' or a new line after the statement but found {next.Describe(source)}");
            }
        }
        return (statements, parser.LocalSlots);
    }

    private ScriptStatement Statement()
    {
        _roots.Clear();
        _rootSet.Clear();
        var root = Current;
        if (root.Kind != TokenKind.Identifier)
        {
            throw new SyntaxErrorException(root.Start, $"A statement starts with the variable to assign, like 'total = ...', not {root.Describe(_source)}");
        }
        Advance();
        if (Current.Kind == TokenKind.LParen)
        {
            throw new SyntaxErrorException(root.Start, "A statement must assign a value, like 'x = ...'; a function call alone does nothing");
        }
        var path = new List<TargetSegment>();
        while (true)
        {
            var token = Current;
            if (token.Kind == TokenKind.Dot)
            {
                Advance();
                var name = FieldName(" after '.'");
                path.Add(new TargetSegment(name.Start, FieldText(name), null));
            }
            else if (token.Kind == TokenKind.LBracket)
            {
                Advance();
                path.Add(new TargetSegment(token.Start, null, Expression()));
                Expect(TokenKind.RBracket, "']'");
            }
            else if (token.Kind is TokenKind.QuestionDot or TokenKind.QuestionBracket)
            {
                throw new SyntaxErrorException(token.Start, "'?.' and '?[' cannot be used in the target of an assignment");
            }
            else
            {
                break;
            }
        }
        if (Current.Kind == TokenKind.EqualEqual) throw new SyntaxErrorException(Current.Start, "Use '=' to assign, not '=='");
        Expect(TokenKind.Assign, "'=' after the assignment target");
        var value = Expression();
        // A nested assignment reads the current root value to update it.
        if (path.Count > 0) AddRoot(root.Text!);
        return new ScriptStatement(root.Start, root.Text!, [.. path], value, [.. _roots]);
    }
}
