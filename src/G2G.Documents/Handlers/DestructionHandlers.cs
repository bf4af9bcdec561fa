using G2G.Documents.Archive;
using G2G.Documents.Persistence;
using G2G.Documents.Storage;
using G2G.Engine.Expressions;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;
using static G2G.Documents.Handlers.FormValues;

namespace G2G.Documents.Handlers;

/// <summary>
/// <c>archive.hold</c>, after the 档案销毁审批 is proposed: <c>items</c> (archive codes) must be items of the initiator's
/// agency, filed, not permanent and past their retention; they are held for this instance by one conditional update
/// (two proposals cannot hold one item). Sets <c>itemCount</c> and <c>itemList</c>.
/// </summary>
public sealed class HoldForDestruction : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var agency = context.Instance.AgencyId ?? throw new InvalidOperationException("A destruction is proposed for an agency.");
        var codes = Ids(context, "items").Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count == 0)
            throw new ServiceTaskRefusedException(DocumentsMessages.NoArchiveItems(), "items");
        using var documents = DocumentsDbContext.Joining(context.Db);
        var instanceId = context.Instance.Id;
        // A resubmission after a send-back proposes again from scratch.
        Archiving.Release(documents, instanceId);
        var items = documents.ArchiveItems.AsNoTracking().Where(a => codes.Contains(a.ArchiveCode) && a.AgencyId == agency).ToList();
        var today = Today(context.Now);
        foreach (var code in codes)
        {
            var item = items.FirstOrDefault(i => i.ArchiveCode == code)
                ?? throw new ServiceTaskRefusedException(DocumentsMessages.ArchiveItemUnknown(code), "items");
            if (item.KeepUntil is not { } keepUntil)
                throw new ServiceTaskRefusedException(DocumentsMessages.ArchiveItemPermanent(code), "items");
            if (keepUntil >= today)
                throw new ServiceTaskRefusedException(DocumentsMessages.ArchiveItemNotExpired(code, keepUntil), "items");
        }
        var ids = items.Select(i => i.Id).ToList();
        var held = documents.ArchiveItems.Where(a => ids.Contains(a.Id) && a.State == ArchiveStates.Filed)
            .ExecuteUpdate(u => u.SetProperty(a => a.State, ArchiveStates.PendingDestruction).SetProperty(a => a.DestructionInstanceId, instanceId));
        if (held != ids.Count)
        {
            var taken = documents.ArchiveItems.AsNoTracking().Where(a => ids.Contains(a.Id) && a.DestructionInstanceId != instanceId)
                .Select(a => a.ArchiveCode).First();
            throw new ServiceTaskRefusedException(DocumentsMessages.ArchiveItemNotFiled(taken), "items");
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["itemCount"] = Value.From(ids.Count),
            ["itemList"] = Value.From(string.Join("\n", items.Select(i => $"{i.ArchiveCode} {i.DocumentNumber} {i.Title}"))),
        };
    }
}

/// <summary><c>archive.destroy</c>, after the leader approves: the held items are destroyed; who approved (who completed <c>approve</c>) and when stay on record.</summary>
public sealed class DestroyArchive(FileStore files) : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var documents = DocumentsDbContext.Joining(context.Db);
        var items = documents.ArchiveItems
            .Where(a => a.DestructionInstanceId == context.Instance.Id && a.State == ArchiveStates.PendingDestruction).ToList();
        var approver = ActorOf(context, "approve") ?? throw new InvalidOperationException("A destruction is approved at step 'approve'.");
        Archiving.Destroy(documents, files, items, approver, context.Now.ToUniversalTime());
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["destroyedCount"] = Value.From(items.Count) };
    }
}

/// <summary><c>archive.release</c>, when the destruction is not approved: the held items are filed again.</summary>
public sealed class ReleaseArchive : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var documents = DocumentsDbContext.Joining(context.Db);
        Archiving.Release(documents, context.Instance.Id);
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}
