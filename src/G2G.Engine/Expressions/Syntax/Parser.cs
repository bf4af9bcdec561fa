namespace G2G.Engine.Expressions;

/// <summary>
/// Recursive-descent parser, one method per precedence level (lowest first):
/// <c>if</c> → <c>or ||</c> → <c>and &amp;&amp;</c> → <c>not !</c> → comparisons and <c>in</c> →
/// <c>+ -</c> → <c>* / %</c> → unary <c>-</c> → postfix <c>. ?. [] ?[]</c> → primary.
/// Functions are resolved here, so unknown names and wrong arities are syntax errors.
/// </summary>
internal sealed partial class Parser
{
    /// <summary>Deepest tree allowed; bounds recursion when evaluating long operator chains such as a+b+c+….</summary>
    private const int MaxTreeHeight = 1_000;

    private readonly string _source;
    private readonly List<Lexeme> _tokens;
    private readonly ExpressionLimits _limits;
    private readonly List<string> _lambdaParameters = [];
    private readonly List<string> _roots = [];
    private readonly HashSet<string> _rootSet = new(StringComparer.Ordinal);
    private int _index;
    private int _depth;

    private Parser(string source, ExpressionLimits limits)
    {
        _source = source;
        _limits = limits;
        if (source.Length > limits.MaxSourceLength)
        {
            throw new SyntaxErrorException(limits.MaxSourceLength, $"The text is longer than the limit of {limits.MaxSourceLength} characters");
        }
        _tokens = Lexer.Tokenize(source);
    }

    /// <summary>How many lambda parameter slots evaluation needs (the deepest lambda nesting).</summary>
    public int LocalSlots { get; private set; }

    private Lexeme Current => _tokens[_index];
    private Lexeme PeekToken(int ahead = 1) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    public static (Node Root, IReadOnlyList<string> Roots, int Slots) ParseExpression(string source, ExpressionLimits limits)
    {
        var parser = new Parser(source, limits);
        var root = parser.Expression();
        if (parser.Current.Kind != TokenKind.End) throw parser.Unexpected(parser.Current);
        return (root, parser._roots, parser.LocalSlots);
    }

    private Lexeme Advance() => _tokens[_index++];

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        _index++;
        return true;
    }

    private Lexeme Expect(TokenKind kind, string what)
    {
        if (Current.Kind == kind) return Advance();
        throw new SyntaxErrorException(Current.Start, $"Expected {what} but found {Current.Describe(_source)}");
    }

    private SyntaxErrorException Unexpected(Lexeme token) => token.Kind == TokenKind.End
        ? new SyntaxErrorException(token.Start, "Unexpected end of expression")
        : new SyntaxErrorException(token.Start, $"Unexpected token {token.Describe(_source)}");

    private void Enter()
    {
        if (++_depth > _limits.MaxNestingDepth)
        {
            throw new SyntaxErrorException(Current.Start, $"The expression is nested more than {_limits.MaxNestingDepth} levels deep");
        }
    }

    private void Leave() => _depth--;

    /// <summary>Gives a new node its height and rejects trees too tall to evaluate safely.</summary>
    private static T Tall<T>(T node, params ReadOnlySpan<Node> children) where T : Node
    {
        var height = 0;
        foreach (var child in children) height = Math.Max(height, child.Height);
        if (height + 1 > MaxTreeHeight)
        {
            throw new SyntaxErrorException(node.Offset, $"The expression is too long a chain of operations (more than {MaxTreeHeight} levels)");
        }
        node.Height = height + 1;
        return node;
    }

    private void AddRoot(string name)
    {
        if (_rootSet.Add(name)) _roots.Add(name);
    }
}
