using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;

namespace G2G.Engine.Execution;

public sealed partial class ProcessExecutor
{
    private static (Token Token, UserTask Task) TaskToken(Run run, long taskId)
    {
        if (run.FindToken(taskId) is { State: TokenState.Waiting } token &&
            run.Definition.GetNode(token.ElementId) is UserTask task && run.IsTaskToken(token))
            return (token, task);
        throw Rejections.TaskNotOpen(taskId);
    }

    private static void Require(UserTask task, TaskOperations operation)
    {
        if (!task.Settings.Operations.HasFlag(operation))
            throw Rejections.OperationNotAllowed(task.Name ?? task.Id, operation.ToString());
    }

    /// <summary>Completes a task. Added signers after it (加签) get their tasks first; then the flow moves on.</summary>
    private static void Complete(Run run, CompleteTask command)
    {
        var (token, task) = TaskToken(run, command.TaskId);
        run.SetVariables(token.ScopeId, command.Variables);
        run.TrackProduced();
        var isOwner = token.Signer is null;
        token = token with { OwnerDone = token.OwnerDone || isOwner };
        if (!token.OwnerDone)
        {
            Reissue(run, token with { Signer = null }, task);    // a signer before the owner is done: the owner's turn
        }
        else if (!token.PendingSigners.IsEmpty)
        {
            Reissue(run, token with { Signer = token.PendingSigners[0], PendingSigners = token.PendingSigners.RemoveAt(0) }, task);
        }
        else
        {
            run.Update(token);
            run.Guarded(token, () => run.Leave(token, command.Outcome));
        }
        run.Drain();
        run.RecordCompletion(new CompletionRecord(task.Id, token.ScopeId, [.. run.Produced]));
    }

    /// <summary>Replaces a task token with a fresh one (a new task id) at the same step and creates its task.</summary>
    private static void Reissue(Run run, Token token, UserTask task)
    {
        run.Complete(token, task);
        run.Update(token);
        run.Guarded(token, () => run.CreateTask(token, task));
    }

    private static void ThrowTaskError(Run run, ThrowTaskError command)
    {
        var (token, task) = TaskToken(run, command.TaskId);
        if (!run.CanCatch(token, command.ErrorCode))
            throw Rejections.ErrorNotCaught(command.ErrorCode, task.Id);
        run.SetVariables(token.ScopeId, command.Variables);
        run.ThrowError(token, command.ErrorCode, task.ToString(), technical: false);
    }

    /// <summary>加签: a signer before the assignee (their task replaces the current one for now) or after it.</summary>
    private static void AddSigner(Run run, AddSigner command)
    {
        var (token, task) = TaskToken(run, command.TaskId);
        Require(task, TaskOperations.AddSigner);
        var signer = new AddedSigner(command.UserId, command.Position);
        if (command.Position == SignerPosition.After)
        {
            run.Update(token with { PendingSigners = token.PendingSigners.Add(signer) });
            return;
        }
        if (token.Signer is not null || token.OwnerDone)
            throw Rejections.SignerTooLate();
        run.Emit(new TaskCancelled(token.Id, task.Id, CancelReason.SignerAdded));
        run.Update(token with { Signer = signer });
        run.Guarded(token, () => run.CreateTask(token with { Signer = signer }, task));
    }

    /// <summary>减签: removes an added signer who has not acted.</summary>
    private static void RemoveSigner(Run run, RemoveSigner command)
    {
        var (token, task) = TaskToken(run, command.TaskId);
        var pending = token.PendingSigners.FirstOrDefault(s => s.UserId == command.UserId);
        if (pending is not null)
        {
            run.Update(token with { PendingSigners = token.PendingSigners.Remove(pending) });
            return;
        }
        if (token.Signer?.UserId != command.UserId || token.Signer.Position != SignerPosition.Before)
            throw Rejections.NotPendingSigner(command.UserId, command.TaskId);
        run.Emit(new TaskCancelled(token.Id, task.Id, CancelReason.SignerRemoved));
        run.Update(token with { Signer = null });
        run.Guarded(token, () => run.CreateTask(token with { Signer = null }, task));
    }

    /// <summary>The user task whose completion put this token where it is (the "previous step"), if known.</summary>
    public static string? PreviousStep(ProcessState state, long taskId) =>
        state.Completions.Where(c => c.Produced.Any(p => p.TokenId == taskId)).Select(c => c.ElementId).FirstOrDefault();
}
