using System.Text.Json;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace G2G.Runtime.Definitions;

/// <summary>What deploying the workflows folder did.</summary>
public sealed record DirectoryDeployment(int Created, int Unchanged, int Refused, int Forms);

/// <summary>
/// Deploys every <c>workflows/&lt;procedure&gt;/*.bpmn</c> and its <c>forms/*.json</c> at start. A file unchanged since
/// it was last deployed from its path is skipped, even when a newer version was published since (in the designer); a
/// refused file is logged with its diagnostics and the others still deploy. Form keys are <c>&lt;procedure&gt;/&lt;file name&gt;</c>.
/// </summary>
public sealed partial class WorkflowDirectoryDeployer(DeploymentService deployments, G2GDbContext db, DefinitionCache cache, TimeProvider clock, ILogger<WorkflowDirectoryDeployer> logger)
{
    public async Task<DirectoryDeployment> DeployAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            LogNoFolder(folder);
            return new DirectoryDeployment(0, 0, 0, 0);
        }
        int created = 0, unchanged = 0, refused = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file);
            try
            {
                foreach (var process in await deployments.DeployWorkflowFileAsync(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), name, cancellationToken).ConfigureAwait(false))
                {
                    if (process.Outcome == DeploymentOutcome.Created)
                    {
                        created++;
                        LogDeployed(process.ProcessKey, process.Version, name);
                    }
                    else
                    {
                        unchanged++;
                    }
                }
            }
            catch (RuntimeException invalid) when (invalid.Code == RuntimeErrorCode.DefinitionInvalid)
            {
                refused++;
                LogRefused(name, string.Join(Environment.NewLine, invalid.Details.Select(d => d.English)));
            }
        }
        var forms = await DeployFormsAsync(folder, cancellationToken).ConfigureAwait(false);
        return new DirectoryDeployment(created, unchanged, refused, forms);
    }

    private async Task<int> DeployFormsAsync(string folder, CancellationToken cancellationToken)
    {
        var deployed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == "forms").Order(StringComparer.Ordinal))
        {
            var procedure = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(file)))!;
            var key = $"{procedure}/{Path.GetFileNameWithoutExtension(file)}";
            var schema = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            try
            {
                using var _ = JsonDocument.Parse(schema);
            }
            catch (JsonException invalid)
            {
                LogFormRefused(key, invalid.Message);
                continue;
            }
            var hash = DeploymentService.Hash(schema);
            // Compared with the form last deployed on its own: one published with a version in the designer belongs to that
            // version, and an unchanged file is not deployed again over it.
            var rows = db.Set<FormDefinitionRecord>().Where(f => f.FormKey == key);
            if (await rows.Where(f => f.DefinitionId == null).OrderByDescending(f => f.Version).Select(f => f.ContentHash)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) == hash)
                continue;
            var latest = await rows.MaxAsync(f => (int?)f.Version, cancellationToken).ConfigureAwait(false) ?? 0;
            db.Add(new FormDefinitionRecord { FormKey = key, Version = latest + 1, ContentHash = hash, Schema = schema, DeployedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            cache.ForgetForm(key);
            deployed++;
        }
        return deployed;
    }

    [LoggerMessage(LogLevel.Information, "Deployed {ProcessKey} version {Version} from {File}")]
    private partial void LogDeployed(string processKey, int version, string file);

    [LoggerMessage(LogLevel.Error, "Refused {File}:\n{Diagnostics}")]
    private partial void LogRefused(string file, string diagnostics);

    [LoggerMessage(LogLevel.Error, "Refused form {FormKey}: {Reason}")]
    private partial void LogFormRefused(string formKey, string reason);

    [LoggerMessage(LogLevel.Warning, "The workflows folder {Folder} does not exist; nothing deployed")]
    private partial void LogNoFolder(string folder);
}
