using G2G.Engine.Expressions;

namespace G2G.Engine.Model.Activities;

/// <summary>
/// Standard loop characteristics (BPMN 2.0 §10.3.8): the activity runs again while
/// <see cref="Condition"/> holds and fewer than <see cref="Maximum"/> iterations are done; with
/// <see cref="TestBefore"/> the condition is also checked before the first iteration.
/// </summary>
public sealed record StandardLoop(Expression? Condition, bool TestBefore, int? Maximum);
