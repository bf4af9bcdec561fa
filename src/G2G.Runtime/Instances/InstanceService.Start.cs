using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Runtime.Audit;
using G2G.Runtime.Jobs;
using G2G.Runtime.Definitions;
using G2G.Runtime.Forms;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

/// <summary>
/// A request to start a process by key: the latest published version, or a pinned one. <c>StartedBy</c> is the system
/// that starts on behalf of <c>Initiator</c> (audited as the actor), null when the initiator starts it themself.
/// </summary>
public sealed record StartInstance(
    string ProcessKey,
    IReadOnlyDictionary<string, Value>? Variables = null,
    string? BusinessKey = null,
    string? Title = null,
    string? Initiator = null,
    string? AgencyId = null,
    int? Version = null,
    string? StartEventId = null,
    ClearanceLevel Classification = ClearanceLevel.Unclassified,
    string? StartedBy = null);

public sealed partial class InstanceService
{
    /// <summary>Starts an instance. Returns its id. An unknown key or a start that would fail at once writes nothing.</summary>
    /// <remarks>
    /// A caller starts for their own agency (administrators for any) and up to their clearance, as the initiator, and only
    /// a process whose <c>g2g:starters</c> name them (<see cref="StarterAccess"/>; not checked for starts on someone's behalf).
    /// </remarks>
    public async Task<long> StartAsync(StartInstance request, CancellationToken cancellationToken = default)
    {
        if (callers.Current is { } caller)
        {
            request = InstanceAccess.AuthorizeStart(caller, request);
            if (request.StartedBy is null && !caller.IsSystem
                && await FindDefinitionAsync(request.ProcessKey, request.Version, cancellationToken).ConfigureAwait(false) is { } found)
            {
                await StarterAccess.AuthorizeAsync(db, caller, Definition(found.Id, found.ProcessKey), cancellationToken).ConfigureAwait(false);
            }
        }
        return await StartAsync(request, parentInstanceId: null, parentTokenId: null, refuseIncidents: true, job: null, cancellationToken,
            submitter: callers.Current?.UserId).ConfigureAwait(false);
    }

    /// <summary>Starts an instance as a child, by an event or by a job (whose claim the start consumes, see <see cref="Prepared"/>).</summary>
    /// <param name="submitter">A person or system whose file references in the variables must be their own uploads (<see cref="FormUploads"/>).</param>
    internal async Task<long> StartAsync(StartInstance request, long? parentInstanceId, long? parentTokenId, bool refuseIncidents, JobClaim? job,
        CancellationToken cancellationToken, string? submitter = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = await FindDefinitionAsync(request.ProcessKey, request.Version, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, request.Version is { } version
                ? RuntimeMessages.NoSuchVersion(request.ProcessKey, version)
                : RuntimeMessages.NoPublishedProcess(request.ProcessKey));

        BeginAttempt();
        using var writing = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var instance = new ProcessInstanceRecord
        {
            DefinitionId = definition.Id,
            ProcessKey = definition.ProcessKey,
            DefinitionVersion = definition.Version,
            BusinessKey = request.BusinessKey,
            Title = request.Title,
            Status = InstanceStatus.Running,
            State = ProcessStateJson.Serialize(ProcessState.Empty),
            Initiator = request.Initiator,
            AgencyId = request.AgencyId,
            Classification = request.Classification,
            ParentInstanceId = parentInstanceId,
            ParentTokenId = parentTokenId,
            StartedAt = clock.GetUtcNow(),
        };
        // The id names the audit chain and every row below. On PostgreSQL it comes from the node's id block when the
        // row is added, and the instance is written with the rest; SQLite assigns it on a first insert (a write batch of
        // its own, in the same transaction).
        await db.AddAsync(instance, cancellationToken).ConfigureAwait(false);
        if (db.Entry(instance).Property(i => i.Id).IsTemporary)
            await SaveAsync(cancellationToken).ConfigureAwait(false);

        if (submitter is not null
            && await FormUploads.AttachAsync(db, submitter, instance.Id, [], request.Variables, cancellationToken).ConfigureAwait(false) is { Count: > 0 } refused)
        {
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.StartVariablesInvalid(request.ProcessKey, refused.Count)) { FieldErrors = refused };
        }
        var variables = new Dictionary<string, Value>(request.Variables ?? new Dictionary<string, Value>(), StringComparer.Ordinal);
        string? stamp = null;
        if (request.Initiator is not null && !variables.ContainsKey("initiator"))
        {
            var facts = await ReadInitiator.RunAsync(db, request.Initiator, cancellationToken).ConfigureAwait(false);
            if (request.StartedBy is not null && facts?.User is null)
            {
                throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.InitiatorNotAUser(request.Initiator));
            }
            stamp = facts?.OrganisationStamp;
            variables["initiator"] = InitiatorVariable.Of(request.Initiator, facts?.User);
        }
        var loaded = new Loaded(instance, Definition(instance), ProcessState.Empty, stamp);
        var audit = request.StartedBy is { } system
            ? new AuditEntry(system, "instance.started", Outcome: request.Initiator is null ? null : $"on behalf of {request.Initiator}",
                Comment: request.Title, Data: request.BusinessKey)
            : new AuditEntry(request.Initiator, "instance.started", Comment: request.Title, Data: request.BusinessKey);
        await ExecuteAsync(loaded, new Prepared(new StartProcess(variables, request.StartEventId), audit, RefuseIncidents: refuseIncidents, Job: job), cancellationToken).ConfigureAwait(false);
        try
        {
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException raced) when (submitter is not null)
        {
            // Only the uploads it attaches can have been changed meanwhile: submitted with another item, or swept away.
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.FormUploadsChanged(), inner: raced);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return instance.Id;
    }

    private sealed record InitiatorFacts(string OrganisationStamp, InitiatorVariable.User? User);

    /// <summary>
    /// The initiator as a user of the organisation, if they are one, and the organisation's stamp, in one query: the
    /// stamp then serves the start's assignments as a task command's load serves its own (compiled once per model).
    /// </summary>
    private static readonly CompiledQuery<string, InitiatorFacts> ReadInitiator = new((db, initiator, _) => (
                from s in db.Set<OrganisationStampRecord>()
                where s.Id == OrganisationStampRecord.RowId
                from u in db.Users.Where(u => u.Id == initiator).DefaultIfEmpty()
                select new InitiatorFacts(s.Stamp, u == null ? null : new InitiatorVariable.User(u.Id, u.DisplayName, u.DepartmentId, u.AgencyId)))
            .FirstOrDefault());

    /// <summary>
    /// The definition a start uses: a pinned version by query; the latest published one through the node's
    /// <see cref="DefinitionCache"/>, which asks the database only when its entry is missing or stale.
    /// </summary>
    private Task<PublishedDefinition?> FindDefinitionAsync(string processKey, int? version, CancellationToken cancellationToken)
    {
        // Built only when it runs: building the expression tree on every start, cached or not, was 4 % of the approval benchmark's CPU.
        IQueryable<ProcessDefinitionRecord> Definitions() => db.ProcessDefinitions.AsNoTracking().Where(d => d.ProcessKey == processKey);
        if (version is not null)
            return QueryDefinitionAsync(Definitions().Where(d => d.Version == version), cancellationToken);
        return cache.LatestPublishedAsync(processKey, () => QueryDefinitionAsync(Definitions().Where(d => d.IsPublished), cancellationToken));
    }

    private static Task<PublishedDefinition?> QueryDefinitionAsync(IQueryable<ProcessDefinitionRecord> definitions, CancellationToken cancellationToken) =>
        definitions.OrderByDescending(d => d.Version).Select(d => new PublishedDefinition(d.Id, d.ProcessKey, d.Version)).FirstOrDefaultAsync(cancellationToken);
}
