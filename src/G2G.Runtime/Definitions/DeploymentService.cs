using System.Security.Cryptography;
using System.Text;
using G2G.Engine.Execution;
using G2G.Engine.Model;
using G2G.Engine.Parsing;
using G2G.Engine.Validation;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Definitions;

/// <summary>What happened to one process of a deployed file.</summary>
public enum DeploymentOutcome { Created, Unchanged }

public sealed record DeployedProcess(string ProcessKey, int Version, long DefinitionId, DeploymentOutcome Outcome);

/// <summary>One version of a definition as the API lists it.</summary>
public sealed record DefinitionVersion(long Id, string ProcessKey, int Version, string? Name, string ContentHash, DateTimeOffset DeployedAt, bool IsPublished);

/// <summary>
/// Deploys BPMN files: validates them with the engine, stores a new version for each changed process
/// (an unchanged content hash is not redeployed), lists versions, publishes and retracts them.
/// Running instances keep the version they started on. A new version's timer start events replace those of the
/// earlier versions in the deploy's transaction (<see cref="Jobs.TimerStarts"/>).
/// </summary>
public sealed class DeploymentService(G2GDbContext db, DefinitionCache cache, IServiceActions actions, CallerContext callers, TimeProvider clock)
{
    /// <summary>Deploys a file. An invalid file is refused with every diagnostic, and nothing is written.</summary>
    public Task<IReadOnlyList<DeployedProcess>> DeployAsync(string xml, string source, string? actor = null, CancellationToken cancellationToken = default) =>
        DeployAsync(xml, source, new Dictionary<string, string>(), actor, cancellationToken);

    /// <summary>
    /// Deploys a file with the form schemas of its user tasks (by form key), in one transaction: each new version of a
    /// process gets its own rows of the forms its tasks use, so its tasks are drawn and checked with them on every node.
    /// A changed form alone makes a new version. Invalid forms are refused like an invalid file, naming each.
    /// </summary>
    public Task<IReadOnlyList<DeployedProcess>> DeployAsync(string xml, string source, IReadOnlyDictionary<string, string> forms,
        string? actor = null, CancellationToken cancellationToken = default) =>
        DeployCoreAsync(xml, source, forms, actor, keepNewer: false, cancellationToken);

    /// <summary>
    /// Deploys a file of the workflows folder (<paramref name="source"/>: its path there) as <c>system</c>. A process whose
    /// file has not changed since it was last deployed from that path is <see cref="DeploymentOutcome.Unchanged"/> even
    /// when a newer version was published since (in the designer or through the API): an unchanged file never
    /// overwrites it. Rows from before sources were recorded count by content: a version with the file's content.
    /// </summary>
    public Task<IReadOnlyList<DeployedProcess>> DeployWorkflowFileAsync(string xml, string source, CancellationToken cancellationToken = default) =>
        DeployCoreAsync(xml, source, new Dictionary<string, string>(), "system", keepNewer: true, cancellationToken);

    /// <summary>
    /// Parses and validates a file exactly as a deploy does (known process keys for call activities, registered service
    /// actions), without writing anything: every error and warning with its element and line.
    /// </summary>
    public async Task<BpmnDocument> ValidateAsync(string xml, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var knownKeys = await db.ProcessDefinitions.Select(d => d.ProcessKey).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        return BpmnParser.Parse(xml, new ValidationContext
        {
            ProcessExists = key => knownKeys.Contains(key),
            ActionExists = actions.Exists,
        });
    }

    private async Task<IReadOnlyList<DeployedProcess>> DeployCoreAsync(string xml, string source, IReadOnlyDictionary<string, string> forms,
        string? actor, bool keepNewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(forms);
        AccessRefusals.RequireDesigner(callers, "deploy definitions");
        var document = await ValidateAsync(xml, cancellationToken).ConfigureAwait(false);
        var errors = document.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(RuntimeMessages.DefinitionError).ToList();
        if (!document.HasErrors)
            errors.AddRange(DeployedForms.Problems(forms, document));
        if (errors.Count > 0)
            throw new RuntimeException(RuntimeErrorCode.DefinitionInvalid, RuntimeMessages.DefinitionRefused(source, errors.Count, errors[0]), errors);

        var hash = DeployedForms.Hash(xml, forms);
        var now = clock.GetUtcNow();
        var results = new List<(ProcessDefinitionRecord Record, DeploymentOutcome Outcome)>();
        foreach (var process in document.ExecutableProcesses)
        {
            var latest = await db.ProcessDefinitions.Where(d => d.ProcessKey == process.Key)
                .OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (latest?.ContentHash == hash)
            {
                results.Add((latest, DeploymentOutcome.Unchanged));
                continue;
            }
            if (keepNewer && await DeployedFromAsync(process.Key, source, hash, cancellationToken).ConfigureAwait(false) is { } deployed)
            {
                results.Add((deployed, DeploymentOutcome.Unchanged));
                continue;
            }
            var record = new ProcessDefinitionRecord
            {
                ProcessKey = process.Key,
                Version = (latest?.Version ?? 0) + 1,
                Name = process.Name,
                ContentHash = hash,
                Xml = xml,
                DeployedAt = now,
                IsPublished = true,
                DeployedBy = actor,
                Source = source,
            };
            db.ProcessDefinitions.Add(record);
            results.Add((record, DeploymentOutcome.Created));
            AuditLog.Append(db, AuditLog.DefinitionsChain, new AuditEntry(actor, "definition.deployed", ElementId: process.Key, Comment: $"{source} v{record.Version}"), now);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var created = results.Where(r => r.Outcome == DeploymentOutcome.Created).Select(r => r.Record).ToList();
        await AddFormsAsync(created, document, forms, now, cancellationToken).ConfigureAwait(false);
        foreach (var record in created)
            await Jobs.TimerStarts.ArmAsync(db, record.Id, document.GetProcess(record.ProcessKey), now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (record, outcome) in results)
        {
            cache.Add(record.Id, document.GetProcess(record.ProcessKey));
            if (outcome == DeploymentOutcome.Created)
                cache.ForgetPublished(record.ProcessKey);
        }
        foreach (var key in forms.Keys)
            cache.ForgetForm(key);
        return [.. results.Select(r => new DeployedProcess(r.Record.ProcessKey, r.Record.Version, r.Record.Id, r.Outcome))];
    }

    /// <summary>Rows of the forms each new version's tasks use, tied to that version (its id is known once saved).</summary>
    private async Task AddFormsAsync(List<ProcessDefinitionRecord> created, BpmnDocument document,
        IReadOnlyDictionary<string, string> forms, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (forms.Count == 0 || created.Count == 0)
            return;
        var keys = forms.Keys.ToList();
        var versions = await db.Set<FormDefinitionRecord>().Where(f => keys.Contains(f.FormKey)).GroupBy(f => f.FormKey)
            .Select(g => new { g.Key, Version = g.Max(f => f.Version) })
            .ToDictionaryAsync(v => v.Key, v => v.Version, cancellationToken).ConfigureAwait(false);
        foreach (var record in created)
        {
            foreach (var key in DeployedForms.KeysOf(document.GetProcess(record.ProcessKey)).Where(forms.ContainsKey))
            {
                versions[key] = versions.GetValueOrDefault(key) + 1;
                db.Add(new FormDefinitionRecord
                {
                    DefinitionId = record.Id, FormKey = key, Version = versions[key], ContentHash = Hash(forms[key]),
                    Schema = forms[key], DeployedAt = now,
                });
            }
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version last deployed from <paramref name="source"/> when it has this content (or, for rows without a source, any version with it).</summary>
    private async Task<ProcessDefinitionRecord?> DeployedFromAsync(string processKey, string source, string hash, CancellationToken cancellationToken)
    {
        var versions = db.ProcessDefinitions.Where(d => d.ProcessKey == processKey);
        var fromSource = await versions.Where(d => d.Source == source).OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (fromSource is not null)
            return fromSource.ContentHash == hash ? fromSource : null;
        return await versions.Where(d => d.Source == null && d.ContentHash == hash).OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<DefinitionVersion>> ListVersionsAsync(string processKey, CancellationToken cancellationToken = default) =>
        await db.ProcessDefinitions.AsNoTracking().Where(d => d.ProcessKey == processKey).OrderBy(d => d.Version)
            .Select(d => new DefinitionVersion(d.Id, d.ProcessKey, d.Version, d.Name, d.ContentHash, d.DeployedAt, d.IsPublished))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The latest version of every process key.</summary>
    public async Task<IReadOnlyList<DefinitionVersion>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        var all = await db.ProcessDefinitions.AsNoTracking()
            .Select(d => new DefinitionVersion(d.Id, d.ProcessKey, d.Version, d.Name, d.ContentHash, d.DeployedAt, d.IsPublished))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. all.GroupBy(d => d.ProcessKey).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.ProcessKey, StringComparer.Ordinal)];
    }

    public async Task<string> GetXmlAsync(string processKey, int version, CancellationToken cancellationToken = default) =>
        (await Find(processKey, version, cancellationToken).ConfigureAwait(false)).Xml;

    /// <summary>Publishes a version: new instances of the key may start from it.</summary>
    public Task PublishAsync(string processKey, int version, string? actor = null, CancellationToken cancellationToken = default) =>
        SetPublished(processKey, version, true, actor, cancellationToken);

    /// <summary>Retracts a version: no new instance starts from it; running ones continue.</summary>
    public Task RetractAsync(string processKey, int version, string? actor = null, CancellationToken cancellationToken = default) =>
        SetPublished(processKey, version, false, actor, cancellationToken);

    private async Task SetPublished(string processKey, int version, bool published, string? actor, CancellationToken cancellationToken)
    {
        AccessRefusals.RequireDesigner(callers, published ? "publish definitions" : "retract definitions");
        var record = await Find(processKey, version, cancellationToken).ConfigureAwait(false);
        record.IsPublished = published;
        AuditLog.Append(db, AuditLog.DefinitionsChain, new AuditEntry(actor, published ? "definition.published" : "definition.retracted", ElementId: processKey, Comment: $"v{version}"), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        cache.ForgetPublished(processKey);
    }

    private async Task<ProcessDefinitionRecord> Find(string processKey, int version, CancellationToken cancellationToken) =>
        await db.ProcessDefinitions.FirstOrDefaultAsync(d => d.ProcessKey == processKey && d.Version == version, cancellationToken).ConfigureAwait(false)
        ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.NoSuchVersion(processKey, version));

    public static string Hash(string xml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
}
