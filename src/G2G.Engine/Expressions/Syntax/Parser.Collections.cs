namespace G2G.Engine.Expressions;

internal sealed partial class Parser
{
    private Node ListLiteral()
    {
        var open = Advance();
        Enter();
        var items = new List<Node>();
        while (Current.Kind != TokenKind.RBracket)
        {
            items.Add(Expression());
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RBracket, "',' or ']'");
        Leave();
        // A flat list of literals (`x in ['a', 'b']`) is built once here instead of on every evaluation;
        // nested ones are left to evaluation, which checks the context's nesting limit.
        if (items.TrueForAll(i => i is ConstantNode { Value: not (ListValue or RecordValue) }))
        {
            return new ConstantNode(open.Start, new ListValue([.. items.Select(i => ((ConstantNode)i).Value)]));
        }
        return Tall(new ListNode(open.Start, [.. items]), [.. items]);
    }

    private RecordNode RecordLiteral()
    {
        var open = Advance();
        Enter();
        var keys = new List<string>();
        var values = new List<Node>();
        while (Current.Kind != TokenKind.RBrace)
        {
            var key = Current;
            var name = key.Kind == TokenKind.String ? key.Text! : FieldText(FieldName(""));
            if (key.Kind == TokenKind.String) Advance();
            if (keys.Contains(name)) throw new SyntaxErrorException(key.Start, $"Duplicate field '{name}' in record");
            Expect(TokenKind.Colon, "':'");
            keys.Add(name);
            values.Add(Expression());
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RBrace, "',' or '}'");
        Leave();
        return Tall(new RecordNode(open.Start, [.. keys], [.. values]), [.. values]);
    }

    private CallNode Call(Lexeme name)
    {
        if (!Functions.TryGet(name.Text!, out var function))
        {
            var suggestion = Functions.Suggest(name.Text!);
            var hint = suggestion is null ? "" : $" (did you mean '{suggestion}'?)";
            throw new SyntaxErrorException(name.Start, $"Unknown function '{name.Text}'{hint}");
        }
        Advance(); // (
        Enter();
        var args = new List<Node>();
        while (Current.Kind != TokenKind.RParen)
        {
            args.Add(Argument(function, args.Count));
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RParen, "',' or ')'");
        Leave();
        if (args.Count < function.MinArgs || args.Count > function.MaxArgs)
        {
            var expected = function.MinArgs == function.MaxArgs ? $"{function.MinArgs}" : $"{function.MinArgs} to {function.MaxArgs}";
            throw new SyntaxErrorException(name.Start,
                $"Function '{function.Name}' takes {expected} argument{(function.MaxArgs == 1 ? "" : "s")} ({function.Usage}) but got {args.Count}");
        }
        return Tall(new CallNode(name.Start, function, [.. args]), [.. args]);
    }

    private Node Argument(FunctionDef function, int position)
    {
        var start = Current;
        var isLambda = start.Kind == TokenKind.Identifier && PeekToken().Kind == TokenKind.Arrow;
        if (position == function.LambdaArg)
        {
            if (!isLambda)
            {
                throw new SyntaxErrorException(start.Start, $"{function.Name} expects a lambda like 'x -> ...' as argument {position + 1} ({function.Usage})");
            }
            return Lambda();
        }
        if (isLambda) throw new SyntaxErrorException(start.Start, $"{function.Name} does not take a lambda as argument {position + 1} ({function.Usage})");
        var arg = Expression();
        if (function.PathArg && arg is not (VariableNode or LocalNode or FieldNode or IndexNode))
        {
            throw new SyntaxErrorException(start.Start, $"{function.Name} needs a variable or field path like form.amount");
        }
        return arg;
    }

    private LambdaNode Lambda()
    {
        var parameter = Advance();
        Advance(); // ->
        Enter();
        _lambdaParameters.Add(parameter.Text!);
        LocalSlots = Math.Max(LocalSlots, _lambdaParameters.Count);
        var body = Expression();
        _lambdaParameters.RemoveAt(_lambdaParameters.Count - 1);
        Leave();
        return Tall(new LambdaNode(parameter.Start, parameter.Text!, _lambdaParameters.Count, body), body);
    }
}
