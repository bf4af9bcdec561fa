namespace G2G.Engine.Expressions;

internal sealed partial class Parser
{
    private Node Expression()
    {
        Enter();
        var node = Or();
        Leave();
        return node;
    }

    private Node Or()
    {
        var left = And();
        while (Current.Kind is TokenKind.Or or TokenKind.OrOr)
        {
            var op = Advance();
            var right = And();
            left = Tall(new OrNode(op.Start, left, right), left, right);
        }
        return left;
    }

    private Node And()
    {
        var left = Not();
        while (Current.Kind is TokenKind.And or TokenKind.AndAnd)
        {
            var op = Advance();
            var right = Not();
            left = Tall(new AndNode(op.Start, left, right), left, right);
        }
        return left;
    }

    private Node Not()
    {
        if (Current.Kind is not (TokenKind.Not or TokenKind.Bang)) return Comparison();
        var op = Advance();
        Enter();
        var operand = Not();
        Leave();
        return Tall(new NotNode(op.Start, operand), operand);
    }

    private Node Comparison()
    {
        var left = Additive();
        if (!TryComparisonOperator(out var op, out var start, out var isIn, out var negated)) return left;
        var right = Additive();
        Node node = isIn
            ? new InNode(start, left, right, negated)
            : new ComparisonNode(start, op, left, right);
        if (TryComparisonOperator(out _, out var next, out _, out _))
        {
            throw new SyntaxErrorException(next, "Comparisons cannot be chained; combine them with 'and'");
        }
        return Tall(node, left, right);
    }

    private bool TryComparisonOperator(out ComparisonOp op, out int start, out bool isIn, out bool negated)
    {
        start = Current.Start;
        isIn = false;
        negated = false;
        op = ComparisonOp.Equal;
        switch (Current.Kind)
        {
            case TokenKind.Assign or TokenKind.EqualEqual: op = ComparisonOp.Equal; break;
            case TokenKind.NotEqual: op = ComparisonOp.NotEqual; break;
            case TokenKind.Less: op = ComparisonOp.Less; break;
            case TokenKind.LessEqual: op = ComparisonOp.LessOrEqual; break;
            case TokenKind.Greater: op = ComparisonOp.Greater; break;
            case TokenKind.GreaterEqual: op = ComparisonOp.GreaterOrEqual; break;
            case TokenKind.In: isIn = true; break;
            case TokenKind.Not when PeekToken().Kind == TokenKind.In:
                isIn = negated = true;
                _index++;
                break;
            default: return false;
        }
        _index++;
        return true;
    }

    private Node Additive()
    {
        var left = Multiplicative();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance();
            var right = Multiplicative();
            var kind = op.Kind == TokenKind.Plus ? ArithmeticOp.Add : ArithmeticOp.Subtract;
            left = Tall(new ArithmeticNode(op.Start, kind, left, right), left, right);
        }
        return left;
    }

    private Node Multiplicative()
    {
        var left = Unary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Advance();
            var right = Unary();
            var kind = op.Kind switch
            {
                TokenKind.Star => ArithmeticOp.Multiply,
                TokenKind.Slash => ArithmeticOp.Divide,
                _ => ArithmeticOp.Remainder,
            };
            left = Tall(new ArithmeticNode(op.Start, kind, left, right), left, right);
        }
        return left;
    }

    private Node Unary()
    {
        if (Current.Kind != TokenKind.Minus) return Postfix();
        var op = Advance();
        Enter();
        var operand = Unary();
        Leave();
        // Fold negative number literals so `-5` costs nothing at evaluation.
        if (operand is ConstantNode { Value: NumberValue n }) return new ConstantNode(op.Start, new NumberValue(-n.Value));
        return Tall(new NegateNode(op.Start, operand), operand);
    }
}
