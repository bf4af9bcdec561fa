namespace G2G.Engine.Execution;

/// <summary>A token id and the element it rested at; a token that moved on no longer matches.</summary>
public readonly record struct TokenPosition(long TokenId, string ElementId);
