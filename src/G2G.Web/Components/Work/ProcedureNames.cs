using G2G.Runtime.Definitions;

namespace G2G.Web.Components.Work;

/// <summary>
/// The names of the deployed procedures in the reader's language (请假 / Leave), by process key, for lists that show which
/// procedure an item belongs to: staff know 发文办理, not <c>document-issue</c>. Read once per circuit from the latest versions.
/// </summary>
public sealed class ProcedureNames(DeploymentService definitions)
{
    private IReadOnlyDictionary<string, string>? _names;

    public async Task<IReadOnlyDictionary<string, string>> AllAsync(CancellationToken cancellationToken = default) =>
        _names ??= (await definitions.ListLatestAsync(cancellationToken))
            .ToDictionary(d => d.ProcessKey, d => d.Name is { } name ? FormModel.LocalLabel(name) : d.ProcessKey, StringComparer.Ordinal);
}
