using System.Security.Cryptography;
using System.Text;
using G2G.Engine.Execution;
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
/// Running instances keep the version they started on.
/// </summary>
public sealed class DeploymentService(G2GDbContext db, DefinitionCache cache, IServiceActions actions, CallerContext callers, TimeProvider clock)
{
    /// <summary>Deploys a file. An invalid file is refused with every diagnostic, and nothing is written.</summary>
    public async Task<IReadOnlyList<DeployedProcess>> DeployAsync(string xml, string source, string? actor = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(xml);
        AccessRefusals.RequireAdministrator(callers, "deploy definitions");
        var knownKeys = await db.ProcessDefinitions.Select(d => d.ProcessKey).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        var document = BpmnParser.Parse(xml, new ValidationContext
        {
            ProcessExists = key => knownKeys.Contains(key),
            ActionExists = actions.Exists,
        });
        if (document.HasErrors)
        {
            var errors = document.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            throw new RuntimeException(RuntimeErrorCode.DefinitionInvalid, $"{source} cannot be deployed: {errors.Count} error(s), the first: {errors[0]}", errors);
        }

        var hash = Hash(xml);
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
            var record = new ProcessDefinitionRecord
            {
                ProcessKey = process.Key,
                Version = (latest?.Version ?? 0) + 1,
                Name = process.Name,
                ContentHash = hash,
                Xml = xml,
                DeployedAt = now,
                IsPublished = true,
            };
            db.ProcessDefinitions.Add(record);
            results.Add((record, DeploymentOutcome.Created));
            AuditLog.Append(db, AuditLog.DefinitionsChain, new AuditEntry(actor, "definition.deployed", ElementId: process.Key, Comment: $"{source} v{record.Version}"), now);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (record, outcome) in results)
        {
            cache.Add(record.Id, document.GetProcess(record.ProcessKey));
            if (outcome == DeploymentOutcome.Created)
                cache.ForgetPublished(record.ProcessKey);
        }
        return [.. results.Select(r => new DeployedProcess(r.Record.ProcessKey, r.Record.Version, r.Record.Id, r.Outcome))];
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
        AccessRefusals.RequireAdministrator(callers, published ? "publish definitions" : "retract definitions");
        var record = await Find(processKey, version, cancellationToken).ConfigureAwait(false);
        record.IsPublished = published;
        AuditLog.Append(db, AuditLog.DefinitionsChain, new AuditEntry(actor, published ? "definition.published" : "definition.retracted", ElementId: processKey, Comment: $"v{version}"), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        cache.ForgetPublished(processKey);
    }

    private async Task<ProcessDefinitionRecord> Find(string processKey, int version, CancellationToken cancellationToken) =>
        await db.ProcessDefinitions.FirstOrDefaultAsync(d => d.ProcessKey == processKey && d.Version == version, cancellationToken).ConfigureAwait(false)
        ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"Process '{processKey}' has no version {version}.");

    public static string Hash(string xml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
}
