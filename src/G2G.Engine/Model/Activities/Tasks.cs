using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Events;

namespace G2G.Engine.Model.Activities;

/// <summary>A plain task or a manual task: done as soon as it is reached (a marker in the flow).</summary>
public sealed class PlainTask : Activity
{
    internal PlainTask(string id, string? name, string kind, SourcePosition position) : base(id, name, kind, position) { }

    internal override void Execute(Run run, Token token) => run.Leave(token);
}

/// <summary>Calls a named action the host registered (<c>g2g:action</c>); its outputs become variables.</summary>
public sealed class ServiceTask : Activity
{
    internal ServiceTask(string id, string? name, SourcePosition position, string? action)
        : base(id, name, "serviceTask", position) => Action = action;

    public string? Action { get; }

    internal override void Execute(Run run, Token token)
    {
        run.InvokeService(token, this);
        run.Leave(token);
    }
}

/// <summary>Runs assignments in the expression language (<c>scriptFormat="g2g"</c>).</summary>
public sealed class ScriptTask : Activity
{
    internal ScriptTask(string id, string? name, SourcePosition position, Script? script, string? format)
        : base(id, name, "scriptTask", position)
    {
        Script = script;
        Format = format;
    }

    public Script? Script { get; }
    public string? Format { get; }

    internal override void Execute(Run run, Token token)
    {
        if (Script is not null)
            run.RunScript(token, Script);
        run.Leave(token);
    }
}

/// <summary>Sends a message and continues.</summary>
public sealed class SendTask : Activity
{
    internal SendTask(string id, string? name, SourcePosition position, MessageDefinition? message)
        : base(id, name, "sendTask", position) => Message = message;

    public MessageDefinition? Message { get; }

    internal override void Execute(Run run, Token token)
    {
        if (Message is not null)
            run.SendMessage(token, this, Message);
        run.Leave(token);
    }
}

/// <summary>Waits for a message.</summary>
public sealed class ReceiveTask : Activity
{
    internal ReceiveTask(string id, string? name, SourcePosition position, MessageDefinition message)
        : base(id, name, "receiveTask", position) => Message = message;

    public MessageDefinition Message { get; }

    internal override bool IsWaitState => true;

    internal override void Execute(Run run, Token token)
    {
        run.Subscribe(this, Message, token.Id, scopeId: null);
        run.Wait(token);
    }
}
