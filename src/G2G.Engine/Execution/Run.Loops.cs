using System.Diagnostics.CodeAnalysis;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Activities;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    /// <summary>A standard loop starts: with testBefore it may run no iteration at all.</summary>
    private void StartLoop(Token token, Activity activity, StandardLoop loop)
    {
        if (loop.TestBefore && !LoopContinues(loop, 0, token.ScopeId))
        {
            Leave(token);
            return;
        }
        token = token with { LoopCounter = 0 };
        Update(token);
        activity.Execute(this, token);
    }

    /// <summary>An iteration is done: runs the next one, or clears the counter so the token leaves the activity.</summary>
    private bool ContinueLoop(ref Token token, Activity activity)
    {
        var done = token.LoopCounter!.Value + 1;
        if (token.ReturnTo is null && activity.Loop is { } loop && LoopContinues(loop, done, token.ScopeId))
        {
            Complete(token, activity);
            Schedule(token with { LoopCounter = done });
            return true;
        }
        token = token with { LoopCounter = null };
        Update(token);
        return false;
    }

    /// <summary>Below loopMaximum and the condition holds, with loopCounter the number of iterations done.</summary>
    private bool LoopContinues(StandardLoop loop, int done, long scopeId) =>
        (loop.Maximum is not { } maximum || done < maximum)
        && (loop.Condition is null || loop.Condition.EvaluateCondition(new LoopView(View(scopeId), done), _evaluation));

    private sealed class LoopView(IVariableScope variables, int done) : IVariableScope
    {
        public bool TryGetVariable(string name, [NotNullWhen(true)] out Value? value)
        {
            if (name != "loopCounter")
                return variables.TryGetVariable(name, out value);
            value = Value.From(done);
            return true;
        }
    }
}
