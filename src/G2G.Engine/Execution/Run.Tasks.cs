using System.Collections.Immutable;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Time;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    /// <summary>A user task becomes an inbox item: assignment arguments evaluated, deadlines computed.</summary>
    public void CreateTask(Token token, UserTask task)
    {
        var settings = task.Settings;
        ResolvedAssignment? assignment = token.Signer is { } signer
            ? new ResolvedAssignment("user", [Value.From(signer.UserId)])
            : settings.Assignment is { } rule
                ? new ResolvedAssignment(rule.Kind, [.. rule.Arguments.Select(a => Evaluate(a, token.ScopeId))])
                : null;
        var escalateTo = settings.EscalateTo is { } escalation && settings.EscalateAfter is not null
            ? new ResolvedAssignment(escalation.Kind, [.. escalation.Arguments.Select(a => Evaluate(a, token.ScopeId))])
            : null;
        var scope = View(token.ScopeId);
        var due = Deadline.Resolve(settings.Due, settings.DueExpression, scope, _evaluation) is { } spec ? spec.DueFrom(Now, Calendar) : (DateTimeOffset?)null;
        var remind = due is { } d && Deadline.Resolve(settings.RemindBefore, settings.RemindBeforeExpression, scope, _evaluation) is { } before
            ? before.Negate().DueFrom(d, Calendar)
            : (DateTimeOffset?)null;
        var loopCounter = _scopes[token.ScopeId] is { Kind: ScopeKind.MultiInstanceItem } item && item.Variables.TryGetValue("loopCounter", out var counter)
            ? (int)((NumberValue)counter).Value
            : (int?)null;
        // Only once everything evaluated: a failure must stop the token under the id the incident names.
        token = Rekey(token, token); // every task gets its own id, even when the same token comes back
        Wait(token);
        var provisional = due is { } until && Calendar.IsProvisional(Now, until);
        Emit(new TaskCreated(token.Id, task.Id, task.Name, task, assignment, due, remind, token.Signer, loopCounter)
        {
            DueProvisional = provisional,
            EscalateTo = escalateTo,
        });
    }

    private IWorkingCalendar Calendar => _calendar;

    public void InvokeService(Token token, ServiceTask task)
    {
        var action = task.Action ?? throw new InvalidOperationException($"{task} names no action (g2g:action).");
        IReadOnlyDictionary<string, Value> outputs;
        try
        {
            outputs = _services.Invoke(action, new ServiceCall(task.Id, View(token.ScopeId), Now));
        }
        catch (Exception failure) when (failure is not BpmnErrorException)
        {
            // Any technical failure of the host's action (timeout, I/O, a bug) is an incident to retry, never a crash of the command.
            throw new InvalidOperationException($"service action '{action}' failed: {failure.Message}", failure);
        }
        SetVariables(token.ScopeId, outputs);
    }

    public void RunScript(Token token, Script script) =>
        SetVariables(token.ScopeId, script.Run(View(token.ScopeId), _evaluation));

    /// <summary>A call activity asks for a child instance with its input mappings (or every visible variable).</summary>
    public void RequestChild(Token token, CallActivity call)
    {
        var variables = call.Inputs.Count == 0
            ? VisibleVariables(token.ScopeId)
            : call.Inputs.ToImmutableDictionary(m => m.Target, m => Evaluate(m.Source, token.ScopeId), StringComparer.Ordinal);
        token = Rekey(token, token);
        Park(token);
        Emit(new ChildProcessRequested(token.Id, call.Id, call.CalledElement!, call.Version, variables));
    }

    /// <summary>The child instance finished: map its outputs back and continue.</summary>
    public void CompleteChild(Token token, CallActivity call, IReadOnlyDictionary<string, Value>? childVariables)
    {
        var child = childVariables ?? ImmutableDictionary<string, Value>.Empty;
        if (call.Outputs.Count == 0)
        {
            SetVariables(token.ScopeId, child);
        }
        else
        {
            var view = new DictionaryVariableScope(child);
            SetVariables(token.ScopeId, call.Outputs.Select(m => KeyValuePair.Create(m.Target, m.Source.Evaluate(view, _evaluation))).ToList());
        }
        Leave(token);
    }
}
